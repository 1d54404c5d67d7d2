package dev.svcinfra.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.svcinfra.migrate.Migrations;
import dev.svcinfra.migrate.Revision;
import dev.svcinfra.migrate.SchemaDiff;
import dev.svcinfra.sql.ConflictException;
import dev.svcinfra.sql.Database;
import dev.svcinfra.sql.idempotency.IdempotencyRecord;
import dev.svcinfra.sql.model.internal.TableMapping;
import dev.svcinfra.sql.repo.ListRequest;
import dev.svcinfra.sql.repo.SqlRepository;
import dev.svcinfra.sql.service.TenantSqlService;
import dev.svcinfra.testing.TestServices;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The packaged revision applies on every database the quickstart supports, is recorded (a second
 * upgrade does nothing), downgrades cleanly (upgrading again recreates the tables), and builds
 * exactly the models' schema on each of them ({@code sql check} is clean). A database deployed with
 * the first revision only, rows included, upgrades to a users table whose own unique index refuses
 * an email that differs only in case. On PostgreSQL the users' search fields get trigram indexes
 * (and {@code pg_trgm}); elsewhere that revision does nothing.
 */
class PackagedMigrationsTest {
  /**
   * The packaged revisions: the first tables, the users' ignore-case email index, the users'
   * trigram search indexes, exact text comparison (binary collations, Unicode email folding), the
   * accounts' exact balance on SQLite, the idempotency keys' table, the users' email unique among
   * live rows only.
   */
  static final int REVISIONS = 7;

  @TempDir static Path dir;

  /** Each call hands out new, empty databases. */
  static Stream<String> databases() {
    return Stream.of(
        "sqlite:///" + dir.resolve(UUID.randomUUID() + ".db").toAbsolutePath(),
        TestServices.newPostgresDatabase(),
        TestServices.newMariadbDatabase());
  }

  @ParameterizedTest
  @MethodSource("databases")
  void upgradeDowngradeUpgrade(String url) {
    try (Database db = Database.open(url)) {
      assertThat(QuickstartApp.migrations(db).upgrade()).hasSize(REVISIONS);
      assertThat(QuickstartApp.migrations(db).upgrade()).isEmpty();
      List<Revision> undone = migrations(db).downgrade("base");
      assertThat(undone).hasSize(REVISIONS);
      // CREATE TABLE would fail if the downgrade had left a table behind.
      assertThat(QuickstartApp.migrations(db).upgrade()).hasSize(REVISIONS);
      long accounts =
          db.inTransaction(
              tx -> tx.query("SELECT COUNT(*) FROM accounts", rs -> rs.getLong(1)).get(0));
      assertThat(accounts).isZero();
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void theUpgradedSchemaMatchesTheModels(String url) {
    try (Database db = Database.open(url)) {
      assertThat(QuickstartApp.migrations(db).upgrade()).hasSize(REVISIONS);
      SchemaDiff diff = migrations(db).check();
      assertThat(diff.differences()).isEmpty();
      assertThat(diff.clean()).isTrue();
    }
  }

  private static Migrations migrations(Database db) {
    return Migrations.builder()
        .database(db)
        .scriptLocation(QuickstartApp.MIGRATIONS)
        .models(
            List.of(
                TableMapping.of(User.class).table(),
                TableMapping.of(Note.class).table(),
                TableMapping.of(Account.class).table(),
                IdempotencyRecord.table()))
        .build();
  }

  @ParameterizedTest
  @MethodSource("databases")
  void aDeployedDatabaseUpgradesToAnEmailUniqueIgnoringCase(String url) {
    SqlRepository<User> users = SqlRepository.of(User.class);
    try (Database db = Database.open(url)) {
      List<Revision> first = migrations(db).upgrade("5c0e4a1b7d21");
      assertThat(first).hasSize(1);
      db.useTransaction(tx -> users.create(tx, Map.of("email", "Ann@x")));
      // The service's own check is bypassed: the database alone refuses the second address.
      db.useTransaction(tx -> users.create(tx, Map.of("email", "bob@x")));
      assertThat(QuickstartApp.migrations(db).upgrade()).hasSize(REVISIONS - 1);
      assertThatThrownBy(() -> db.useTransaction(tx -> users.create(tx, Map.of("email", "ann@X"))))
          .isInstanceOfSatisfying(
              ConflictException.class, e -> assertThat(e.field()).contains("email"));
      long count = db.inTransaction(tx -> users.count(tx));
      assertThat(count).isEqualTo(2);
    }
  }

  /**
   * A database deployed before the email became unique among live rows only (issue 21), a live and
   * a deleted user included, upgrades with every row kept (SQLite rebuilds the table): the deleted
   * user's email, in another case, can be registered again, a live one's still cannot, and {@code
   * check} is clean. The downgrade brings back the constraint over every row, and refuses while a
   * deleted and a live user share an email.
   */
  @ParameterizedTest
  @MethodSource("databases")
  void aDeployedDatabaseUpgradesToAnEmailUniqueAmongLiveRows(String url) {
    SqlRepository<User> users = SqlRepository.of(User.class);
    try (Database db = Database.open(url)) {
      migrations(db).upgrade("9e1f4c2a7b35");
      User live = db.inTransaction(tx -> users.create(tx, Map.of("email", "live@x", "name", "L")));
      User gone = db.inTransaction(tx -> users.create(tx, Map.of("email", "Gone@x", "name", "G")));
      db.useTransaction(tx -> users.delete(tx, gone.id()));
      // Before: the deleted user's email is taken for good.
      assertThatThrownBy(() -> db.useTransaction(tx -> users.create(tx, Map.of("email", "gone@X"))))
          .isInstanceOf(ConflictException.class);
      assertThat(QuickstartApp.migrations(db).upgrade())
          .extracting(Revision::id)
          .containsExactly("c4e8d2a61f07");
      assertThat(migrations(db).check().differences()).isEmpty();
      long stored =
          db.inTransaction(
              tx -> tx.query("SELECT COUNT(*) FROM users", rs -> rs.getLong(1)).get(0));
      assertThat(stored).isEqualTo(2);
      assertThat(db.inTransaction(tx -> users.get(tx, live.id())).orElseThrow()).isEqualTo(live);
      User again = db.inTransaction(tx -> users.create(tx, Map.of("email", "gone@X")));
      assertThatThrownBy(() -> db.useTransaction(tx -> users.create(tx, Map.of("email", "LIVE@x"))))
          .isInstanceOfSatisfying(
              ConflictException.class, e -> assertThat(e.field()).contains("email"));
      // Down again: refused while Gone@x (deleted) and gone@X (live) share an email...
      assertThatThrownBy(() -> migrations(db).downgrade("9e1f4c2a7b35"))
          .isInstanceOf(RuntimeException.class);
      // ...and done once they no longer do, every row kept.
      db.useTransaction(tx -> tx.execute("DELETE FROM users WHERE email = 'gone@X'"));
      assertThat(migrations(db).downgrade("9e1f4c2a7b35")).hasSize(1);
      long kept =
          db.inTransaction(
              tx -> tx.query("SELECT COUNT(*) FROM users", rs -> rs.getLong(1)).get(0));
      assertThat(kept).isEqualTo(2);
      assertThat(again.email()).isEqualTo("gone@X");
    }
  }

  /**
   * Balances stored before the exact-balance revision (on SQLite, floats such as the
   * 0.30000000000000004 that 0.1 + 0.2 leaves) upgrade to the cents they stand for, and ids of
   * deleted accounts are not handed out again.
   */
  @ParameterizedTest
  @MethodSource("databases")
  void deployedBalancesUpgradeToExactCents(String url) {
    SqlRepository<Account> accounts = SqlRepository.of(Account.class);
    try (Database db = Database.open(url)) {
      migrations(db).upgrade("7d3e9b2c4f18");
      db.useTransaction(
          tx -> {
            tx.execute("INSERT INTO accounts (owner, balance) VALUES ('a', 0.1 + 0.2)");
            tx.execute("INSERT INTO accounts (owner, balance) VALUES ('b', 10)");
            tx.execute("INSERT INTO accounts (owner, balance) VALUES ('c', 12.5)");
            tx.execute("INSERT INTO accounts (owner, balance) VALUES ('gone', 1)");
            tx.execute("DELETE FROM accounts WHERE owner = 'gone'");
          });
      // The exact-balance revision, the idempotency keys' table, the live-rows-only email.
      assertThat(QuickstartApp.migrations(db).upgrade()).hasSize(3);
      List<String> balances =
          db
              .inTransaction(
                  (dev.svcinfra.sql.Transaction tx) ->
                      accounts
                          .list(tx, ListRequest.builder().limit(10).orderBy("id").build())
                          .items())
              .stream()
              .map(a -> a.owner() + "=" + a.balance().toPlainString())
              .toList();
      assertThat(balances).containsExactly("a=0.30", "b=10.00", "c=12.50");
      Account next =
          db.inTransaction(
              (dev.svcinfra.sql.Transaction tx) ->
                  accounts.create(tx, Map.of("owner", "d", "balance", new BigDecimal("0.10"))));
      assertThat(next.id()).isEqualTo(5L);
      // And back: the downgrade restores the old column with the same values.
      migrations(db).downgrade("7d3e9b2c4f18");
      List<Double> old =
          db.inTransaction(
              (dev.svcinfra.sql.Transaction tx) ->
                  tx.query("SELECT balance FROM accounts ORDER BY id", rs -> rs.getDouble(1)));
      assertThat(old).containsExactly(0.3, 10.0, 12.5, 0.1);
    }
  }

  /**
   * A database deployed before exact text comparison, rows included, upgrades to it: a lookalike
   * tenant id reaches none of the rows written before, and the users' email index folds Unicode
   * case (ÉMILE collides with émile, SQLite's old index did not) and no longer accents (emile
   * beside émile, which MariaDB's old index refused).
   */
  @ParameterizedTest
  @MethodSource("databases")
  void aDeployedDatabaseUpgradesToExactTextComparison(String url) {
    SqlRepository<User> users = SqlRepository.of(User.class);
    SqlRepository<Note> notes = SqlRepository.of(Note.class);
    try (Database db = Database.open(url)) {
      migrations(db).upgrade("b1ab9f2138c0");
      Note before =
          db.inTransaction(
              tx ->
                  new TenantSqlService<>(notes, "acme", "tenant_id")
                      .create(tx, Map.of("title", "before", "body", "b")));
      db.useTransaction(tx -> users.create(tx, Map.of("email", "émile@x")));
      assertThat(QuickstartApp.migrations(db).upgrade()).isNotEmpty();
      for (String other : List.of("ACME", "ácme", "acme ")) {
        TenantSqlService<Note> lookalike = new TenantSqlService<>(notes, other, "tenant_id");
        Optional<Note> got = db.inTransaction(tx -> lookalike.get(tx, before.id()));
        assertThat(got).as(other).isEmpty();
      }
      assertThatThrownBy(
              () -> db.useTransaction(tx -> users.create(tx, Map.of("email", "ÉMILE@x"))))
          .isInstanceOf(ConflictException.class);
      db.useTransaction(tx -> users.create(tx, Map.of("email", "emile@x")));
      assertThat(migrations(db).check().differences()).isEmpty();
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void theUsersSearchFieldsHaveTrigramIndexesOnPostgresOnly(String url) throws Exception {
    try (Database db = Database.open(url)) {
      assertThat(QuickstartApp.migrations(db).upgrade()).hasSize(REVISIONS);
      boolean postgres = db.dialect().name().equals("postgresql");
      assertThat(userIndexes(db))
          .filteredOn(n -> n.endsWith("_trgm"))
          .isEqualTo(postgres ? List.of("ix_users_email_trgm", "ix_users_name_trgm") : List.of());
      // Back to the revision before them drops them (pg_trgm stays installed); forward again
      // builds them again.
      List<Revision> undone = migrations(db).downgrade("4a6d34d60067");
      assertThat(undone).extracting(Revision::id).contains("b1ab9f2138c0");
      assertThat(userIndexes(db)).noneMatch(n -> n.endsWith("_trgm"));
      if (postgres) {
        long installed =
            db.inTransaction(
                tx ->
                    tx.query(
                            "SELECT COUNT(*) FROM pg_extension WHERE extname = 'pg_trgm'",
                            rs -> rs.getLong(1))
                        .get(0));
        assertThat(installed).isEqualTo(1);
      }
      assertThat(QuickstartApp.migrations(db).upgrade()).hasSize(undone.size());
      assertThat(userIndexes(db).stream().filter(n -> n.endsWith("_trgm")).count())
          .isEqualTo(postgres ? 2 : 0);
      assertThat(migrations(db).check().clean()).isTrue();
    }
  }

  /** The names of the users table's indexes, lower case and sorted. */
  private static List<String> userIndexes(Database db) throws Exception {
    Set<String> out = new TreeSet<>();
    try (Connection c = db.connection();
        ResultSet rs = c.getMetaData().getIndexInfo(c.getCatalog(), null, "users", false, false)) {
      while (rs.next()) {
        if (rs.getString("INDEX_NAME") != null) {
          out.add(rs.getString("INDEX_NAME").toLowerCase(Locale.ROOT));
        }
      }
    }
    return List.copyOf(out);
  }
}
