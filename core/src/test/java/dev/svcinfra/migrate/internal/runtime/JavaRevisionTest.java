package dev.svcinfra.migrate.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.svcinfra.migrate.MigrationException;
import dev.svcinfra.migrate.MigrationFailedException;
import dev.svcinfra.migrate.Migrations;
import dev.svcinfra.migrate.script.JavaMigration;
import dev.svcinfra.migrate.script.MigrationRevision;
import dev.svcinfra.migrate.script.MigrationStep;
import dev.svcinfra.sql.Database;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** Java classes as revisions: data migrations between SQL revisions. */
class JavaRevisionTest {

  @MigrationRevision(id = "000000000002", downRevision = "000000000001", message = "backfill")
  public static final class Backfill implements JavaMigration {
    @Override
    public void upgrade(MigrationStep step) throws Exception {
      try (Statement st = step.connection().createStatement();
          ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM users")) {
        rs.next();
        step.execute("INSERT INTO audit (note) VALUES ('users: " + rs.getLong(1) + "')");
      }
    }

    @Override
    public void downgrade(MigrationStep step) {
      step.execute("DELETE FROM audit");
    }
  }

  @MigrationRevision(id = "000000000003", downRevision = "000000000002")
  public static final class Irreversible implements JavaMigration {
    @Override
    public void upgrade(MigrationStep step) {
      step.execute("INSERT INTO audit (note) VALUES ('third')");
    }
  }

  static class Unannotated implements JavaMigration {
    @Override
    public void upgrade(MigrationStep step) {}
  }

  @Test
  void javaRevisionsRunBetweenSqlRevisions() throws Exception {
    Path dir = Scripts.newLocation();
    Scripts.write(
        dir,
        "000000000001",
        "",
        """
        CREATE TABLE users (id INTEGER PRIMARY KEY);
        CREATE TABLE audit (note VARCHAR(100));
        INSERT INTO users VALUES (1);
        INSERT INTO users VALUES (2);\
        """,
        "DROP TABLE audit;\nDROP TABLE users;");
    try (Database db = Database.open(TestDatabases.SQLITE.newUrl())) {
      Migrations m =
          Migrations.builder()
              .database(db)
              .scriptLocation(dir)
              .javaRevision(new Backfill())
              .javaRevision(new Irreversible())
              .build();
      assertThat(m.upgrade())
          .extracting(r -> r.id())
          .containsExactly("000000000001", "000000000002", "000000000003");
      try (Connection c = db.connection();
          Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("SELECT note FROM audit ORDER BY note DESC")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(1)).isEqualTo("users: 2");
      }
      assertThatThrownBy(() -> m.downgrade(1))
          .isInstanceOf(MigrationFailedException.class)
          .hasMessageContaining("has no downgrade");
      assertThat(m.current().current()).containsExactly("000000000003");

      ByteArrayOutputStream out = new ByteArrayOutputStream();
      assertThatThrownBy(
              () -> m.upgradeSql("head", new PrintStream(out, true, StandardCharsets.UTF_8)))
          .hasMessageContaining("cannot be rendered offline");
    }
  }

  @Test
  void aJavaRevisionWithoutHeaderIsRefused() {
    assertThatThrownBy(
            () -> dev.svcinfra.migrate.internal.script.JavaRevision.revision(new Unannotated()))
        .isInstanceOf(MigrationException.class)
        .hasMessageContaining("@MigrationRevision");
  }
}
