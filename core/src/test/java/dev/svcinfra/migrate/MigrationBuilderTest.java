package dev.svcinfra.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.svcinfra.migrate.internal.runtime.Scripts;
import dev.svcinfra.migrate.script.JavaMigration;
import dev.svcinfra.migrate.script.MigrationRevision;
import dev.svcinfra.migrate.script.MigrationStep;
import dev.svcinfra.sql.Database;
import dev.svcinfra.sql.dialect.Dialects;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A built {@link Migrations} keeps what the builder held at {@code build()} (issue 17). */
class MigrationBuilderTest {

  @MigrationRevision(id = "00000000000a", downRevision = "000000000001", message = "java")
  static final class Later implements JavaMigration {
    @Override
    public void upgrade(MigrationStep step) {
      step.execute("CREATE TABLE later (id INTEGER)");
    }
  }

  @Test
  void changingTheBuilderAfterBuildChangesNothing() throws Exception {
    Path dir = Scripts.newLocation();
    Scripts.write(dir, "000000000001", "", "CREATE TABLE a (id INTEGER);", "DROP TABLE a;");
    Path other = Scripts.newLocation();
    List<String> seen = new ArrayList<>();
    MigrationBuilder builder =
        Migrations.builder()
            .dialect(Dialects.SQLITE)
            .scriptLocation(dir)
            .appliedBy("first")
            .statementObserver(seen::add);
    Migrations built = builder.build();

    try (Database db = Database.open("sqlite:///" + other.resolve("x.db").toAbsolutePath())) {
      builder
          .scriptLocation(other)
          .javaRevision(new Later())
          .database(db)
          .dialect(Dialects.POSTGRESQL)
          .appliedBy("second")
          .statementObserver(s -> {})
          .models(List.of());
    }

    assertThat(built.settings().scriptLocation()).isEqualTo(dir);
    assertThat(built.scripts().location()).isEqualTo(dir);
    assertThat(built.graph().all()).extracting(Revision::id).containsExactly("000000000001");
    // still offline, for the dialect given before build()
    assertThatThrownBy(built::upgrade)
        .isInstanceOf(MigrationException.class)
        .hasMessageContaining("needs a database");
    var out = new ByteArrayOutputStream();
    built.upgradeSql("base:head", new PrintStream(out, true, StandardCharsets.UTF_8));
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("CREATE TABLE a")
        .doesNotContain("later")
        .contains("'first'");
    assertThatThrownBy(built::check)
        .isInstanceOf(MigrationException.class)
        .hasMessageContaining("needs a database");

    // the builder itself took the changes: a second build sees them
    Migrations rebuilt = builder.build();
    assertThat(rebuilt.settings().scriptLocation()).isEqualTo(other);
  }

  @Test
  void javaRevisionsAddedAfterBuildStayOut() throws Exception {
    Path dir = Scripts.newLocation();
    Scripts.write(dir, "000000000001", "", "CREATE TABLE a (id INTEGER);", "DROP TABLE a;");
    MigrationBuilder builder = Migrations.builder().dialect(Dialects.SQLITE).scriptLocation(dir);
    Migrations built = builder.build();
    builder.javaRevision(new Later());
    assertThat(built.heads()).extracting(Revision::id).containsExactly("000000000001");
    assertThat(builder.build().heads()).extracting(Revision::id).containsExactly("00000000000a");
  }
}
