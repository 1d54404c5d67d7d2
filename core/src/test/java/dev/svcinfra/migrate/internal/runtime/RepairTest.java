package dev.svcinfra.migrate.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.svcinfra.ErrorCode;
import dev.svcinfra.migrate.AppliedRevision;
import dev.svcinfra.migrate.AppliedRevision.ChecksumState;
import dev.svcinfra.migrate.AppliedRevision.Status;
import dev.svcinfra.migrate.MigrationException;
import dev.svcinfra.migrate.MigrationFailedException;
import dev.svcinfra.migrate.Migrations;
import dev.svcinfra.migrate.Repair;
import dev.svcinfra.sql.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code sql repair} and {@code sql history --applied} (issue 22): an applied file edited on
 * purpose, and a revision that failed half-applied on a database without transactional DDL.
 */
class RepairTest {

  private static Migrations migrations(Database db, Path dir) {
    return Migrations.builder().database(db).scriptLocation(dir).build();
  }

  @ParameterizedTest
  @EnumSource(TestDatabases.class)
  void anEditedFileIsRepairedWithItsReasonKept(TestDatabases kind) throws Exception {
    Path dir = Scripts.newLocation();
    Path file =
        Scripts.write(
            dir,
            "aaaaaaaaaaa1",
            "",
            "CREATE TABLE things (id INTEGER PRIMARY KEY);",
            "DROP TABLE things;");
    try (Database db = Database.open(kind.newUrl())) {
      migrations(db, dir).upgrade();
      assertThat(migrations(db, dir).appliedHistory())
          .singleElement()
          .satisfies(
              r -> {
                assertThat(r.status()).isEqualTo(Status.APPLIED);
                assertThat(r.checksum()).isEqualTo(ChecksumState.OK);
                assertThat(r.appliedBy()).isPresent();
                assertThat(r.appliedAt()).isPresent();
                assertThat(r.durationMs()).isPresent();
                assertThat(r.lastStep()).contains("upgrade");
                assertThat(r.note()).isEmpty();
              });
      Files.writeString(file, Files.readString(file) + "-- reworded the comment\n");
      Migrations edited = migrations(db, dir);
      assertThat(edited.appliedHistory().get(0).checksum()).isEqualTo(ChecksumState.CHANGED);
      assertThat(catchThrowableOfType(MigrationException.class, edited::upgrade).code())
          .isEqualTo(ErrorCode.MIGRATION_DRIFT);

      MigrationException noReason =
          catchThrowableOfType(MigrationException.class, () -> edited.repair(" ", List.of()));
      assertThat(noReason.code()).isEqualTo(ErrorCode.INVALID_SETTING);
      MigrationException notNeeded =
          catchThrowableOfType(
              MigrationException.class, () -> edited.repair("why", List.of("bbbbbbbbbbb2")));
      assertThat(notNeeded).hasMessageContaining("needs no repair");

      List<Repair> done = edited.repair("reworded a comment; no schema change", List.of());
      assertThat(done)
          .extracting(Repair::revision, Repair::kind)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("aaaaaaaaaaa1", Repair.Kind.CHECKSUM));
      assertThat(edited.repair("again", List.of())).isEmpty();
      assertThat(edited.upgrade()).isEmpty();
      AppliedRevision after = edited.appliedHistory().get(0);
      assertThat(after.checksum()).isEqualTo(ChecksumState.OK);
      assertThat(after.lastStep()).contains("repair");
      assertThat(after.note()).contains("reworded a comment; no schema change");
    }
  }

  /**
   * MariaDB cannot roll DDL back: the first statement stays applied, the failure is recorded, and
   * nothing runs until an operator repairs it; then the corrected file runs.
   */
  @ParameterizedTest
  @EnumSource(
      value = TestDatabases.class,
      names = {"MARIADB"})
  void aHalfAppliedRevisionStopsMigrationsUntilRepaired(TestDatabases kind) throws Exception {
    Path dir = Scripts.newLocation();
    Scripts.write(
        dir,
        "aaaaaaaaaaa1",
        "",
        "CREATE TABLE base_t (id INTEGER PRIMARY KEY);",
        "DROP TABLE base_t;");
    Path broken =
        Scripts.write(
            dir,
            "bbbbbbbbbbb2",
            "aaaaaaaaaaa1",
            "CREATE TABLE half (id INTEGER PRIMARY KEY);\nINSERT INTO missing_table VALUES (1);",
            "DROP TABLE half;");
    try (Database db = Database.open(kind.newUrl())) {
      MigrationFailedException failed =
          catchThrowableOfType(MigrationFailedException.class, () -> migrations(db, dir).upgrade());
      assertThat(failed.revision()).isEqualTo("bbbbbbbbbbb2");
      assertThat(failed.statementsRun()).isEqualTo(1);

      List<AppliedRevision> history = migrations(db, dir).appliedHistory();
      assertThat(history)
          .extracting(AppliedRevision::revision, AppliedRevision::status)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("aaaaaaaaaaa1", Status.APPLIED),
              org.assertj.core.groups.Tuple.tuple("bbbbbbbbbbb2", Status.FAILED));
      assertThat(history.get(1).note().orElseThrow())
          .contains("after 1 statement(s)")
          .contains("missing_table");

      MigrationException refused =
          catchThrowableOfType(MigrationException.class, () -> migrations(db, dir).upgrade());
      assertThat(refused.code()).isEqualTo(ErrorCode.MIGRATION_REPAIR_NEEDED);
      assertThat(refused).hasMessageContaining("bbbbbbbbbbb2").hasMessageContaining("sql repair");
      assertThat(
              catchThrowableOfType(MigrationException.class, () -> migrations(db, dir).downgrade(1))
                  .code())
          .isEqualTo(ErrorCode.MIGRATION_REPAIR_NEEDED);

      // The operator undoes the half by hand, fixes the file, repairs, and runs again.
      try (Connection c = db.connection();
          Statement st = c.createStatement()) {
        st.execute("DROP TABLE half");
      }
      Files.writeString(
          broken,
          Files.readString(broken)
              .replace("INSERT INTO missing_table VALUES (1);", "INSERT INTO half VALUES (1);"));
      List<Repair> repaired =
          migrations(db, dir)
              .repair("dropped table half by hand, fixed the insert", List.of("bbbbbbbbbbb2"));
      assertThat(repaired).extracting(Repair::kind).containsExactly(Repair.Kind.FAILURE);
      assertThat(migrations(db, dir).upgrade())
          .extracting(r -> r.id())
          .containsExactly("bbbbbbbbbbb2");
      AppliedRevision now = migrations(db, dir).appliedHistory().get(1);
      assertThat(now.status()).isEqualTo(Status.APPLIED);
      assertThat(now.checksum()).isEqualTo(ChecksumState.OK);
      assertThat(now.lastStep()).contains("upgrade");
    }
  }

  /** Where DDL rolls back, a failure leaves nothing half-applied and nothing to repair. */
  @ParameterizedTest
  @EnumSource(
      value = TestDatabases.class,
      names = {"POSTGRESQL", "SQLITE", "DUCKDB"})
  void aRolledBackFailureNeedsNoRepair(TestDatabases kind) throws Exception {
    Path dir = Scripts.newLocation();
    Scripts.write(
        dir,
        "aaaaaaaaaaa1",
        "",
        "CREATE TABLE half (id INTEGER PRIMARY KEY);\nINSERT INTO missing_table VALUES (1);",
        "DROP TABLE half;");
    try (Database db = Database.open(kind.newUrl())) {
      MigrationFailedException first =
          catchThrowableOfType(MigrationFailedException.class, () -> migrations(db, dir).upgrade());
      assertThat(first.statementsRun()).isEqualTo(1);
      MigrationFailedException again =
          catchThrowableOfType(MigrationFailedException.class, () -> migrations(db, dir).upgrade());
      assertThat(again.code()).isEqualTo(ErrorCode.MIGRATION_FAILED);
      assertThat(migrations(db, dir).appliedHistory()).isEmpty();
      assertThat(migrations(db, dir).repair("nothing happened", List.of())).isEmpty();
    }
  }
}
