package dev.svcinfra.migrate.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.svcinfra.ErrorCode;
import dev.svcinfra.migrate.LintException;
import dev.svcinfra.migrate.MigrationException;
import dev.svcinfra.migrate.MigrationFailedException;
import dev.svcinfra.migrate.MigrationStatus;
import dev.svcinfra.migrate.Migrations;
import dev.svcinfra.migrate.MultipleHeadsException;
import dev.svcinfra.migrate.Revision;
import dev.svcinfra.migrate.RunOptions;
import dev.svcinfra.sql.Database;
import dev.svcinfra.sql.dialect.internal.SqlSyntax;
import dev.svcinfra.sql.dialect.internal.StatementSplitter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Upgrade, downgrade, stamp, branches, drift and offline SQL on every tested database. */
class MigrationRoundTripTest {

  static Migrations migrations(Database db, Path location, List<String> observed) {
    return Migrations.builder()
        .database(db)
        .scriptLocation(location)
        .statementObserver(observed::add)
        .build();
  }

  static void linear(Path dir) throws Exception {
    Scripts.write(
        dir,
        "000000000001",
        "",
        "CREATE TABLE users (id INTEGER PRIMARY KEY, " + "email VARCHAR(200) NOT NULL);",
        "DROP TABLE users;");
    Scripts.write(
        dir,
        "000000000002",
        "000000000001",
        "CREATE TABLE notes (id INTEGER PRIMARY KEY, body VARCHAR(100));\n"
            + "INSERT INTO users (id, email) VALUES (1, 'a@example.com');",
        "DELETE FROM users WHERE id = 1;\nDROP TABLE notes;");
    Scripts.write(
        dir,
        "000000000003",
        "000000000002",
        "CREATE TABLE tags (id INTEGER PRIMARY KEY);",
        "DROP TABLE tags;");
  }

  static List<String> ids(List<Revision> revisions) {
    return revisions.stream().map(Revision::id).toList();
  }

  @ParameterizedTest
  @EnumSource(TestDatabases.class)
  void upgradeToHeadAndDowngradeToBaseLeaveNoTables(TestDatabases kind) throws Exception {
    Path dir = Scripts.newLocation();
    linear(dir);
    try (Database db = Database.open(kind.newUrl())) {
      Migrations m = migrations(db, dir, new ArrayList<>());
      assertThat(ids(m.upgrade())).containsExactly("000000000001", "000000000002", "000000000003");
      MigrationStatus status = m.current();
      assertThat(status.current()).containsExactly("000000000003");
      assertThat(status.atHead()).isTrue();
      try (Connection c = db.connection()) {
        assertThat(TestDatabases.tables(c)).contains("users", "notes", "tags");
        assertThat(count(c, "SELECT COUNT(*) FROM svc_infra_version_history")).isEqualTo(3);
      }
      assertThat(ids(m.upgrade())).isEmpty();

      assertThat(ids(m.downgrade(1))).containsExactly("000000000003");
      assertThat(m.current().current()).containsExactly("000000000002");
      assertThat(ids(m.downgrade("base"))).containsExactly("000000000002", "000000000001");
      assertThat(m.current().current()).isEmpty();
      try (Connection c = db.connection()) {
        Set<String> left = TestDatabases.tables(c);
        left.removeAll(TestDatabases.BOOKKEEPING);
        assertThat(left).isEmpty();
        assertThat(count(c, "SELECT COUNT(*) FROM svc_infra_version")).isZero();
      }
      assertThat(ids(m.upgrade("+2"))).containsExactly("000000000001", "000000000002");
      assertThat(ids(m.upgrade("000000000001"))).isEmpty(); // already applied
      assertThatThrownBy(() -> m.upgrade("00000000000")).hasMessageContaining("ambiguous");
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabases.class)
  void branchesMultipleHeadsAndMerge(TestDatabases kind) throws Exception {
    Path dir = Scripts.newLocation();
    Scripts.write(
        dir, "aaaaaaaaaaaa", "", "CREATE TABLE a (id INTEGER PRIMARY KEY);", "DROP TABLE a;");
    Scripts.write(
        dir,
        "bbbbbbbbbbbb",
        "aaaaaaaaaaaa",
        "CREATE TABLE b (id INTEGER PRIMARY KEY);",
        "DROP TABLE b;");
    Scripts.write(
        dir,
        "cccccccccccc",
        "aaaaaaaaaaaa",
        "CREATE TABLE c (id INTEGER PRIMARY KEY);",
        "DROP TABLE c;");
    try (Database db = Database.open(kind.newUrl())) {
      Migrations m = migrations(db, dir, new ArrayList<>());
      assertThatThrownBy(m::upgrade)
          .isInstanceOf(MultipleHeadsException.class)
          .hasMessageContaining("Multiple heads")
          .hasMessageContaining("bbbbbbbbbbbb, cccccccccccc");
      assertThat(m.current().current()).isEmpty(); // nothing ran
      assertThat(ids(m.upgrade("heads")))
          .containsExactly("aaaaaaaaaaaa", "bbbbbbbbbbbb", "cccccccccccc");
      assertThat(m.current().current()).containsExactly("bbbbbbbbbbbb", "cccccccccccc");
      assertThat(ids(m.branches())).containsExactly("aaaaaaaaaaaa");

      var merge = m.merge("join branches", List.of("heads"));
      assertThat(Files.readString(merge.file().orElseThrow()))
          .contains("-- down_revision: bbbbbbbbbbbb, cccccccccccc");
      assertThat(ids(m.heads())).containsExactly(merge.id());
      assertThat(ids(m.upgrade())).containsExactly(merge.id());
      assertThat(m.current().current()).containsExactly(merge.id());

      assertThat(ids(m.downgrade(1))).containsExactly(merge.id());
      assertThat(m.current().current()).containsExactly("bbbbbbbbbbbb", "cccccccccccc");
      assertThat(ids(m.downgrade("aaaaaaaaaaaa"))).containsExactly("cccccccccccc", "bbbbbbbbbbbb");
      assertThat(m.current().current()).containsExactly("aaaaaaaaaaaa");
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabases.class)
  void stampMovesTheVersionWithoutRunningAnything(TestDatabases kind) throws Exception {
    Path dir = Scripts.newLocation();
    linear(dir);
    try (Database db = Database.open(kind.newUrl())) {
      Migrations m = migrations(db, dir, new ArrayList<>());
      assertThat(m.stamp("000000000002")).containsExactly("000000000002");
      try (Connection c = db.connection()) {
        assertThat(TestDatabases.tables(c)).doesNotContain("users", "notes");
      }
      assertThat(ids(m.upgrade())).containsExactly("000000000003");
      assertThat(m.stamp("base")).isEmpty();
      assertThat(m.current().current()).isEmpty();
      assertThatThrownBy(() -> m.stamp("nope")).hasMessageContaining("no revision 'nope'");
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabases.class)
  void offlineScriptEqualsWhatAnOnlineRunExecutes(TestDatabases kind) throws Exception {
    Path dir = Scripts.newLocation();
    linear(dir);
    List<String> online = new ArrayList<>();
    try (Database db = Database.open(kind.newUrl())) {
      migrations(db, dir, online).upgrade();
      ByteArrayOutputStream buffer = new ByteArrayOutputStream();
      Migrations offline = Migrations.builder().dialect(db.dialect()).scriptLocation(dir).build();
      offline.upgradeSql("head", new PrintStream(buffer, true, StandardCharsets.UTF_8));
      String script = buffer.toString(StandardCharsets.UTF_8);
      List<String> written = new ArrayList<>();
      SqlSyntax syntax = db.dialect().sqlSyntax();
      for (String s : StatementSplitter.split(script, syntax)) {
        String sql = StatementSplitter.stripComments(s, syntax).strip();
        if (!sql.equals("BEGIN") && !sql.equals("COMMIT")) {
          written.add(sql);
        }
      }
      assertThat(normalize(written)).isEqualTo(normalize(online));
      assertThat(script).contains("CREATE TABLE users").contains("svc_infra_version");
    }
  }

  /** The history row's duration is only known online; everything else must match exactly. */
  static List<String> normalize(List<String> statements) {
    return statements.stream()
        .map(
            s ->
                s.strip()
                    .replaceAll("CURRENT_TIMESTAMP, (NULL|\\d+) FROM", "CURRENT_TIMESTAMP, ? FROM"))
        .toList();
  }

  @ParameterizedTest
  @EnumSource(TestDatabases.class)
  void changedFileAfterApplyIsDriftAndBlocksUpgrade(TestDatabases kind) throws Exception {
    Path dir = Scripts.newLocation();
    Path first =
        Scripts.write(
            dir,
            "000000000001",
            "",
            "CREATE TABLE users (id INTEGER PRIMARY KEY);",
            "DROP TABLE users;");
    try (Database db = Database.open(kind.newUrl())) {
      Migrations m = migrations(db, dir, new ArrayList<>());
      m.upgrade();
      assertThat(m.current().drift()).isEmpty();
      Files.writeString(first, Files.readString(first).replace("id INTEGER", "id BIGINT"));
      Scripts.write(
          dir,
          "000000000002",
          "000000000001",
          "CREATE TABLE t2 (id INTEGER PRIMARY KEY);",
          "DROP TABLE t2;");
      assertThat(m.current().drift())
          .singleElement()
          .satisfies(d -> assertThat(d.revision()).isEqualTo("000000000001"));
      assertThatThrownBy(m::upgrade)
          .isInstanceOf(MigrationException.class)
          .hasMessageContaining("changed after")
          .hasMessageContaining("--allow-changed")
          .extracting(e -> ((MigrationException) e).code())
          .isEqualTo(ErrorCode.MIGRATION_DRIFT);
      assertThat(m.current().current()).containsExactly("000000000001");
      assertThat(ids(m.upgrade("head", RunOptions.DEFAULT.allowChanged(true))))
          .containsExactly("000000000002");
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabases.class)
  void lintRefusesDestructiveRevisionsUnlessAllowed(TestDatabases kind) throws Exception {
    Path dir = Scripts.newLocation();
    Scripts.write(
        dir,
        "000000000001",
        "",
        "CREATE TABLE users (id INTEGER PRIMARY KEY);\n"
            + "CREATE TABLE old (id INTEGER PRIMARY KEY);",
        "DROP TABLE users;");
    Scripts.write(
        dir,
        "000000000002",
        "000000000001",
        "DROP TABLE old;",
        "CREATE TABLE old (id INTEGER PRIMARY KEY);");
    try (Database db = Database.open(kind.newUrl())) {
      Migrations m = migrations(db, dir, new ArrayList<>());
      assertThatThrownBy(m::upgrade)
          .isInstanceOf(LintException.class)
          .hasMessageContaining("[drop_table]")
          .hasMessageContaining("--allow-destructive");
      assertThat(m.current().current()).isEmpty();
      assertThat(ids(m.upgrade("head", RunOptions.DEFAULT.allowDestructive(true))))
          .containsExactly("000000000001", "000000000002");
    }
  }

  @ParameterizedTest
  @EnumSource(TestDatabases.class)
  void failedRevisionNamesTheStatementAndKeepsTheLastGoodVersion(TestDatabases kind)
      throws Exception {
    Path dir = Scripts.newLocation();
    Scripts.write(
        dir,
        "000000000001",
        "",
        "CREATE TABLE users (id INTEGER PRIMARY KEY);",
        "DROP TABLE users;");
    Scripts.write(
        dir,
        "000000000002",
        "000000000001",
        "CREATE TABLE half (id INTEGER PRIMARY KEY);\nINSERT INTO no_such_table VALUES (1);",
        "DROP TABLE half;");
    try (Database db = Database.open(kind.newUrl())) {
      Migrations m = migrations(db, dir, new ArrayList<>());
      assertThatThrownBy(m::upgrade)
          .isInstanceOf(MigrationFailedException.class)
          .hasMessageContaining("000000000002")
          .hasMessageContaining("at statement 2: INSERT INTO no_such_table")
          .satisfies(
              e ->
                  assertThat(((MigrationFailedException) e).versionAfter())
                      .containsExactly("000000000001"));
      assertThat(m.current().current()).containsExactly("000000000001");
      try (Connection c = db.connection()) {
        boolean transactional = db.dialect().supportsTransactionalDdl();
        // Transactional DDL rolls the half-done step back; MySQL/MariaDB keep what ran.
        assertThat(TestDatabases.tables(c).contains("half")).isEqualTo(!transactional);
      }
    }
  }

  /**
   * A statement refused by the data (a unique index over duplicates) is reported with its own error
   * as the cause on every database. On DuckDB a refused statement aborts the transaction, and the
   * rollback that followed once failed with "no transaction is active", which hid the real error.
   */
  @ParameterizedTest
  @EnumSource(TestDatabases.class)
  void aStatementRefusedByTheDataIsTheReportedCause(TestDatabases kind) throws Exception {
    Path dir = Scripts.newLocation();
    Scripts.write(
        dir,
        "000000000001",
        "",
        "CREATE TABLE pairs (id INTEGER PRIMARY KEY, code VARCHAR(10));\n"
            + "INSERT INTO pairs (id, code) VALUES (1, 'x');\n"
            + "INSERT INTO pairs (id, code) VALUES (2, 'x');",
        "DROP TABLE pairs;");
    Scripts.write(
        dir,
        "000000000002",
        "000000000001",
        "-- lint:allow index_without_concurrently\nCREATE UNIQUE INDEX pairs_code ON pairs (code);",
        "DROP INDEX pairs_code;");
    try (Database db = Database.open(kind.newUrl())) {
      Migrations m = migrations(db, dir, new ArrayList<>());
      assertThatThrownBy(m::upgrade)
          .isInstanceOf(MigrationFailedException.class)
          .hasMessageContaining("at statement 1: ")
          .hasMessageContaining("CREATE UNIQUE INDEX pairs_code")
          .hasMessageNotContainingAny("no transaction is active", "cannot rollback")
          .satisfies(
              e ->
                  assertThat(((MigrationFailedException) e).versionAfter())
                      .containsExactly("000000000001"));
      assertThat(m.current().current()).containsExactly("000000000001");
      // The database is usable for the next command: the failed step left no open transaction.
      assertThat(m.upgrade("000000000001")).isEmpty();
    }
  }

  static long count(Connection c, String sql) throws Exception {
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
