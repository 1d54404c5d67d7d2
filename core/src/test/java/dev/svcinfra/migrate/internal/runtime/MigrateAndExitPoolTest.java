package dev.svcinfra.migrate.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.svcinfra.config.DatabaseSettings;
import dev.svcinfra.migrate.Migrations;
import dev.svcinfra.sql.Database;
import dev.svcinfra.testing.TestServices;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@link Migrations#openDatabase}: the pool a migrate-and-exit job needs, and a run on it. */
class MigrateAndExitPoolTest {

  private static int upgradeOn(Database db, Path location) {
    return Migrations.builder().database(db).scriptLocation(location).build().upgrade().size();
  }

  private static Path twoRevisions() throws Exception {
    Path location = Scripts.newLocation();
    Scripts.write(
        location, "a1", null, "CREATE TABLE t1 (id INTEGER PRIMARY KEY);", "DROP TABLE t1;");
    Scripts.write(
        location, "b2", "a1", "CREATE TABLE t2 (id INTEGER PRIMARY KEY);", "DROP TABLE t2;");
    return location;
  }

  @Test
  void aSessionLockDialectGetsAPoolOfOneConnection() throws Exception {
    Path location = twoRevisions();
    try (Database db =
        Migrations.openDatabase(DatabaseSettings.of(TestServices.newPostgresDatabase()))) {
      assertThat(db.dataSource().unwrap(HikariDataSource.class).getMaximumPoolSize()).isEqualTo(1);
      assertThat(upgradeOn(db, location)).isEqualTo(2);
      assertThat(upgradeOn(db, location)).isZero();
    }
  }

  @Test
  void aLeaseLockDialectGetsASecondConnectionForTheLease() throws Exception {
    Path location = twoRevisions();
    String url = "sqlite:///" + Files.createTempDirectory("migrate-job").resolve("a.db");
    try (Database db = Migrations.openDatabase(DatabaseSettings.of(url))) {
      assertThat(db.dataSource().unwrap(HikariDataSource.class).getMaximumPoolSize()).isEqualTo(2);
      assertThat(upgradeOn(db, location)).isEqualTo(2);
      assertThat(upgradeOn(db, location)).isZero();
    }
  }
}
