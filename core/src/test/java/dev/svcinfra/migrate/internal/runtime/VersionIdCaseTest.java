package dev.svcinfra.migrate.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.svcinfra.migrate.Migrations;
import dev.svcinfra.migrate.Revision;
import dev.svcinfra.migrate.script.JavaMigration;
import dev.svcinfra.migrate.script.MigrationRevision;
import dev.svcinfra.migrate.script.MigrationStep;
import dev.svcinfra.sql.Database;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Revision ids that differ only in case are two revisions in the version table on every database
 * (issue 17: MariaDB's default collation made them one), and a version table created before, in the
 * server's default collation, keeps working.
 */
class VersionIdCaseTest {

  /** Inserts its note on upgrade and deletes it on downgrade. */
  abstract static class Mark implements JavaMigration {
    abstract String note();

    @Override
    public void upgrade(MigrationStep step) {
      step.execute("INSERT INTO marks (note) VALUES ('" + note() + "')");
    }

    @Override
    public void downgrade(MigrationStep step) {
      step.execute("DELETE FROM marks WHERE note = '" + note() + "'");
    }
  }

  @MigrationRevision(id = "00000000000b", downRevision = "000000000001", message = "lower")
  public static final class Lower extends Mark {
    @Override
    String note() {
      return "lower";
    }
  }

  @MigrationRevision(id = "00000000000B", downRevision = "000000000001", message = "upper")
  public static final class Upper extends Mark {
    @Override
    String note() {
      return "upper";
    }
  }

  private static Migrations migrations(Database db, Path dir) {
    return Migrations.builder()
        .database(db)
        .scriptLocation(dir)
        .javaRevision(new Lower())
        .javaRevision(new Upper())
        .build();
  }

  private static Path location() throws Exception {
    Path dir = Scripts.newLocation();
    Scripts.write(
        dir, "000000000001", "", "CREATE TABLE marks (note VARCHAR(20));", "DROP TABLE marks;");
    return dir;
  }

  @ParameterizedTest
  @EnumSource(TestDatabases.class)
  void headsDifferingOnlyInCaseAreBothApplied(TestDatabases kind) throws Exception {
    Path dir = location();
    try (Database db = Database.open(kind.newUrl())) {
      Migrations m = migrations(db, dir);
      assertThat(m.upgrade("heads"))
          .extracting(Revision::id)
          .containsExactlyInAnyOrder("000000000001", "00000000000b", "00000000000B");
      assertThat(m.current().current()).containsExactlyInAnyOrder("00000000000B", "00000000000b");
      assertThat(m.current().atHead()).isTrue();
      assertThat(count(db, "SELECT COUNT(*) FROM marks")).isEqualTo(2);
      assertThat(m.downgrade("000000000001"))
          .extracting(Revision::id)
          .containsExactlyInAnyOrder("00000000000b", "00000000000B");
      assertThat(m.current().current()).containsExactly("000000000001");
      assertThat(count(db, "SELECT COUNT(*) FROM marks")).isZero();
    }
  }

  private static long count(Database db, String sql) throws Exception {
    try (Connection c = db.connection();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** A version table MariaDB created before in its default, case-insensitive collation. */
  @ParameterizedTest
  @EnumSource(value = TestDatabases.class, names = "MARIADB")
  void aVersionTableInTheDefaultCollationKeepsWorking(TestDatabases kind) throws Exception {
    Path dir = location();
    try (Database db = Database.open(kind.newUrl())) {
      try (Connection c = db.connection();
          Statement st = c.createStatement()) {
        st.execute(
            "CREATE TABLE svc_infra_version (version_num VARCHAR(64) CHARACTER SET "
                + "utf8mb4 COLLATE utf8mb4_general_ci NOT NULL, CONSTRAINT svc_infra_version_pkc "
                + "PRIMARY KEY (version_num))");
      }
      Migrations m = migrations(db, dir);
      assertThat(m.upgrade("00000000000b"))
          .extracting(Revision::id)
          .containsExactly("000000000001", "00000000000b");
      assertThat(m.current().current()).containsExactly("00000000000b");
      assertThat(m.downgrade("base"))
          .extracting(Revision::id)
          .containsExactly("00000000000b", "000000000001");
      assertThat(m.current().current()).isEmpty();
    }
  }
}
