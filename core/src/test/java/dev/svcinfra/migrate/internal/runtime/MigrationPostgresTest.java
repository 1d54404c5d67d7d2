package dev.svcinfra.migrate.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.svcinfra.migrate.MigrationFailedException;
import dev.svcinfra.migrate.Migrations;
import dev.svcinfra.sql.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;

/** PostgreSQL-only behaviour: revisions that must run outside a transaction. */
class MigrationPostgresTest {

  static void writeIndexRevision(Path dir, boolean transactional) throws Exception {
    Scripts.write(
        dir,
        "000000000001",
        "",
        "CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT);",
        "DROP TABLE users;");
    Path file =
        Scripts.write(
            dir,
            "000000000002",
            "000000000001",
            "CREATE INDEX CONCURRENTLY ix_users_email ON users (email);",
            "DROP INDEX CONCURRENTLY ix_users_email;");
    if (!transactional) {
      Files.writeString(
          file,
          Files.readString(file).replace("-- message:", "-- transactional: false\n-- message:"));
    }
  }

  @Test
  void concurrentIndexBuildsRunInRevisionsMarkedNonTransactional() throws Exception {
    Path dir = Scripts.newLocation();
    writeIndexRevision(dir, false);
    try (Database db = Database.open(TestDatabases.POSTGRESQL.newUrl())) {
      Migrations m = Migrations.builder().database(db).scriptLocation(dir).build();
      assertThat(m.upgrade()).hasSize(2);
      assertThat(m.current().current()).containsExactly("000000000002");
      assertThat(m.downgrade("base")).hasSize(2);
    }
  }

  @Test
  void aConcurrentIndexBuildInATransactionFailsAndRollsBack() throws Exception {
    Path dir = Scripts.newLocation();
    writeIndexRevision(dir, true);
    try (Database db = Database.open(TestDatabases.POSTGRESQL.newUrl())) {
      Migrations m =
          Migrations.builder()
              .database(db)
              .scriptLocation(dir)
              .statementObserver(new ArrayList<String>()::add)
              .build();
      assertThatThrownBy(m::upgrade)
          .isInstanceOf(MigrationFailedException.class)
          .hasMessageContaining("CREATE INDEX CONCURRENTLY")
          .hasMessageContaining("rolled back");
      assertThat(m.current().current()).containsExactly("000000000001");
    }
  }
}
