package dev.svcinfra.migrate.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.svcinfra.migrate.Migrations;
import dev.svcinfra.migrate.internal.script.RevisionBody.Direction;
import dev.svcinfra.migrate.internal.script.RevisionDraft;
import dev.svcinfra.migrate.internal.script.SqlScript;
import dev.svcinfra.sql.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Many replicas starting at once: separate JVMs run {@code upgrade head} together and every
 * revision runs exactly once; a migrator killed with SIGKILL mid-revision leaves no lock behind.
 */
class ConcurrentUpgradeTest {
  static final int PROCESSES = 8;
  static final int REVISIONS = 5;

  /** Revision {@code i} logs itself and sleeps a little, widening any race window. */
  static void writeRevisions(Path dir, String sleepSeconds) throws Exception {
    String parent = "";
    for (int i = 1; i <= REVISIONS; i++) {
      String id = String.format("%012d", i);
      String create = i == 1 ? "CREATE TABLE applied_log (rev VARCHAR(20) NOT NULL);\n" : "";
      List<SqlScript.Section> sections =
          List.of(
              new SqlScript.Section(
                  Direction.UPGRADE,
                  Set.of(),
                  create + "INSERT INTO applied_log (rev) VALUES ('" + id + "');"),
              new SqlScript.Section(
                  Direction.UPGRADE,
                  Set.of("postgresql"),
                  create
                      + "SELECT pg_sleep("
                      + sleepSeconds
                      + ");\n"
                      + "INSERT INTO applied_log (rev) VALUES ('"
                      + id
                      + "');"),
              // MariaDB commits each DDL statement, so the sleep comes first: a killed run must not
              // leave half a revision behind in this test.
              new SqlScript.Section(
                  Direction.UPGRADE,
                  Set.of("mariadb"),
                  "SELECT SLEEP("
                      + sleepSeconds
                      + ");\n"
                      + create
                      + "INSERT INTO applied_log (rev) VALUES ('"
                      + id
                      + "');"),
              new SqlScript.Section(
                  Direction.DOWNGRADE,
                  Set.of(),
                  "DELETE FROM applied_log WHERE rev = '" + id + "';"));
      RevisionDraft draft =
          new RevisionDraft(
              id,
              parent.isEmpty() ? List.of() : List.of(parent),
              "step " + i,
              Instant.parse("2026-01-01T00:00:00Z"),
              List.of(),
              sections);
      Files.writeString(dir.resolve("versions").resolve(draft.fileName()), draft.render());
      parent = id;
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = TestDatabases.class,
      names = {"POSTGRESQL", "MARIADB", "SQLITE"})
  void eightProcessesApplyEachRevisionExactlyOnce(TestDatabases kind) throws Exception {
    Path dir = Scripts.newLocation();
    writeRevisions(dir, "0.2");
    String url = kind.newUrl();
    List<Process> processes = new ArrayList<>();
    List<Path> logs = new ArrayList<>();
    for (int i = 0; i < PROCESSES; i++) {
      Path log = Files.createTempFile("upgrade-" + i, ".log");
      logs.add(log);
      processes.add(UpgradeProcess.start(url, dir, log));
    }
    for (int i = 0; i < PROCESSES; i++) {
      assertThat(processes.get(i).waitFor(120, TimeUnit.SECONDS)).isTrue();
      assertThat(processes.get(i).exitValue()).as(Files.readString(logs.get(i))).isZero();
    }
    try (Database db = Database.open(url);
        Connection c = db.connection()) {
      Map<String, Long> perRevision =
          counts(c, "SELECT rev, COUNT(*) FROM applied_log GROUP BY rev ORDER BY rev");
      assertThat(perRevision).hasSize(REVISIONS).allSatisfy((rev, n) -> assertThat(n).isEqualTo(1));
      assertThat(
              counts(
                  c,
                  "SELECT direction, COUNT(*) FROM svc_infra_version_history GROUP BY direction"))
          .containsExactly(Map.entry("upgrade", (long) REVISIONS));
      assertThat(
              counts(c, "SELECT version_num, COUNT(*) FROM svc_infra_version GROUP BY version_num"))
          .containsExactly(Map.entry(String.format("%012d", REVISIONS), 1L));
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = TestDatabases.class,
      names = {"POSTGRESQL", "MARIADB"})
  void aMigratorKilledMidRevisionDoesNotBlockTheNextRun(TestDatabases kind) throws Exception {
    Path dir = Scripts.newLocation();
    writeRevisions(dir, "60");
    String url = kind.newUrl();
    Path log = Files.createTempFile("killed", ".log");
    Process victim = UpgradeProcess.start(url, dir, log);
    try (Database db = Database.open(url)) {
      awaitSleeping(db, kind, victim, log);
      victim.destroyForcibly(); // SIGKILL: no shutdown hook, no clean disconnect
      assertThat(victim.waitFor(30, TimeUnit.SECONDS)).isTrue();
      // The long revision is not applied, so its file may be fixed before the next run.
      for (Path f : Files.list(dir.resolve("versions")).toList()) {
        Files.writeString(
            f,
            Files.readString(f)
                .replace("SLEEP(60)", "SLEEP(0)")
                .replace("pg_sleep(60)", "pg_sleep(0)"));
      }
      long started = System.nanoTime();
      Migrations m =
          Migrations.builder()
              .database(db)
              .scriptLocation(dir)
              .settings(
                  Migrations.builder()
                      .scriptLocation(dir)
                      .build()
                      .settings()
                      .withLockTimeout(Duration.ofSeconds(40)))
              .build();
      m.upgrade();
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
      assertThat(m.current().current()).containsExactly(String.format("%012d", REVISIONS));
      try (Connection c = db.connection()) {
        assertThat(counts(c, "SELECT rev, COUNT(*) FROM applied_log GROUP BY rev"))
            .hasSize(REVISIONS)
            .allSatisfy((rev, n) -> assertThat(n).isEqualTo(1));
      }
    }
  }

  /** Waits until the victim is inside the first revision's 60-second sleep. */
  static void awaitSleeping(Database db, TestDatabases kind, Process victim, Path log)
      throws Exception {
    String probe =
        kind == TestDatabases.POSTGRESQL
            ? "SELECT COUNT(*) FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep(60)%' "
                + "AND datname = current_database()"
            : "SELECT COUNT(*) FROM information_schema.processlist WHERE info LIKE 'SELECT SLEEP(60)%' "
                + "AND db = DATABASE()";
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      assertThat(victim.isAlive()).as(Files.readString(log)).isTrue();
      try (Connection c = db.connection();
          Statement st = c.createStatement();
          ResultSet rs = st.executeQuery(probe)) {
        rs.next();
        if (rs.getLong(1) > 0) {
          return;
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError(
        "the migrator never reached its long revision: " + Files.readString(log));
  }

  static Map<String, Long> counts(Connection c, String sql) throws Exception {
    Map<String, Long> out = new LinkedHashMap<>();
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        out.put(rs.getString(1), rs.getLong(2));
      }
    }
    return out;
  }
}
