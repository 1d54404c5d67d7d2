package dev.svcinfra.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.svcinfra.migrate.Migrations;
import dev.svcinfra.migrate.SchemaDiff;
import dev.svcinfra.migrate.script.Revision;
import dev.svcinfra.sql.Database;
import dev.svcinfra.sql.model.TableMapping;
import dev.svcinfra.testing.TestServices;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The packaged revision applies on every database the quickstart supports, is recorded (a second
 * upgrade does nothing), downgrades cleanly (upgrading again recreates the tables), and on
 * PostgreSQL builds exactly the models' schema ({@code sql check} is clean).
 */
class PackagedMigrationsTest {
  @TempDir
  static Path dir;

  static Stream<String> databases() {
    return Stream.of("sqlite:///" + dir.resolve("check.db").toAbsolutePath(),
        TestServices.newPostgresDatabase(), TestServices.newMariadbDatabase());
  }

  @ParameterizedTest
  @MethodSource("databases")
  void upgradeDowngradeUpgrade(String url) {
    try (Database db = Database.open(url)) {
      assertThat(ClasspathMigrations.upgrade(db)).hasSize(1);
      assertThat(ClasspathMigrations.upgrade(db)).isEmpty();
      List<Revision> undone = ClasspathMigrations.withScripts(location ->
          migrations(db, location).downgrade("base"));
      assertThat(undone).hasSize(1);
      // CREATE TABLE would fail if the downgrade had left a table behind.
      assertThat(ClasspathMigrations.upgrade(db)).hasSize(1);
      long accounts = db.inTransaction(tx ->
          tx.query("SELECT COUNT(*) FROM accounts", rs -> rs.getLong(1)).get(0));
      assertThat(accounts).isZero();
    }
  }

  @org.junit.jupiter.api.Test
  void postgresSchemaMatchesTheModels() {
    try (Database db = Database.open(TestServices.newPostgresDatabase())) {
      ClasspathMigrations.upgrade(db);
      SchemaDiff diff = ClasspathMigrations.withScripts(location -> migrations(db, location).check());
      assertThat(diff.differences()).isEmpty();
      assertThat(diff.clean()).isTrue();
    }
  }

  private static Migrations migrations(Database db, Path location) {
    return Migrations.builder().database(db).scriptLocation(location)
        .models(List.of(TableMapping.of(User.class).table(), TableMapping.of(Note.class).table(),
            TableMapping.of(Account.class).table()))
        .build();
  }
}
