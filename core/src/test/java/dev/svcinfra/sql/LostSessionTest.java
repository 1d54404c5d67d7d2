package dev.svcinfra.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.svcinfra.ErrorCode;
import dev.svcinfra.sql.dialect.internal.ConnectionTarget;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A session the server ended (PostgreSQL's pg_terminate_backend, MariaDB's KILL) is "database
 * unavailable", never an internal error, and its connection leaves the pool (issue 16). Only the
 * sessions of this test's own fresh database are ended, never other sessions of the server.
 */
class LostSessionTest extends DatabaseSuite {

  static Stream<TestDatabase> servers() {
    return Stream.of(TestDatabase.POSTGRESQL, TestDatabase.MARIADB);
  }

  @ParameterizedTest
  @MethodSource("servers")
  void aStatementOnAKilledSessionIsUnavailableAndTheConnectionIsReplaced(TestDatabase kind)
      throws Exception {
    Database db = open(kind, s -> s.withPool(s.pool().withSize(1).withMaxOverflow(0)));
    long first = sessionId(db);
    assertThatThrownBy(
            () ->
                db.useTransaction(
                    tx -> {
                      kill(db, List.of(sessionId(tx)));
                      tx.query("SELECT 1", rs -> rs.getInt(1));
                    }))
        .isInstanceOfSatisfying(
            DatabaseUnavailableException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.DATABASE_UNAVAILABLE));
    // The pool's only connection was discarded: the next transaction runs on a new session at
    // once, without first failing on the dead one.
    long next = sessionId(db);
    assertThat(next).isNotEqualTo(first);
    assertThat(db.activeConnections()).isZero();
  }

  @ParameterizedTest
  @MethodSource("servers")
  void killingEveryIdleSessionCostsAtMostOneUnavailablePerConnection(TestDatabase kind)
      throws Exception {
    int size = 3;
    Database db = open(kind, s -> s.withPool(s.pool().withSize(size).withMaxOverflow(0)));
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      ids.add(sessionId(db));
    }
    kill(db, sessionsOf(db));
    int unavailable = 0;
    for (int i = 0; i < size * 2; i++) {
      try {
        db.inTransaction(tx -> tx.query("SELECT 1", rs -> rs.getInt(1)));
      } catch (DatabaseUnavailableException e) {
        unavailable++;
      }
    }
    assertThat(unavailable).isLessThanOrEqualTo(size);
    // Every request after the dead connections are gone succeeds.
    for (int i = 0; i < size; i++) {
      List<Integer> one = db.inTransaction(tx -> tx.query("SELECT 1", rs -> rs.getInt(1)));
      assertThat(one).containsExactly(1);
    }
    assertThat(ids).doesNotContain(sessionId(db));
  }

  private static long sessionId(Database db) {
    return db.inTransaction(LostSessionTest::sessionId);
  }

  private static long sessionId(Transaction tx) {
    String sql =
        tx.dialect().name().equals("postgresql")
            ? "SELECT pg_backend_pid()"
            : "SELECT CONNECTION_ID()";
    return tx.query(sql, rs -> rs.getLong(1)).get(0);
  }

  /** The server sessions connected to this test's database, other than the admin's own. */
  private static List<Long> sessionsOf(Database db) throws SQLException {
    try (Connection admin = admin(db)) {
      String sql =
          db.dialect().name().equals("postgresql")
              ? "SELECT pid FROM pg_stat_activity WHERE datname = current_database()"
                  + " AND pid <> pg_backend_pid()"
              : "SELECT ID FROM information_schema.PROCESSLIST WHERE DB = DATABASE()"
                  + " AND ID <> CONNECTION_ID()";
      List<Long> ids = new ArrayList<>();
      try (PreparedStatement ps = admin.prepareStatement(sql);
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getLong(1));
        }
      }
      return ids;
    }
  }

  /** Ends {@code ids}, which must be sessions of this test's database. */
  private static void kill(Database db, List<Long> ids) throws SQLException {
    assertThat(Set.copyOf(sessionsOf(db))).containsAll(ids);
    try (Connection admin = admin(db)) {
      for (long id : ids) {
        String sql =
            db.dialect().name().equals("postgresql")
                ? "SELECT pg_terminate_backend(" + id + ")"
                : "KILL " + id;
        try (PreparedStatement ps = admin.prepareStatement(sql)) {
          ps.execute();
        }
      }
    }
    // pg_terminate_backend signals the backend and returns; wait until the sessions are gone.
    for (int i = 0; i < 100 && sessionsOf(db).stream().anyMatch(ids::contains); i++) {
      sleep(20);
    }
  }

  private static Connection admin(Database db) throws SQLException {
    ConnectionTarget target =
        db.dialect()
            .connectionTarget(
                db.settings().primary().url(),
                new dev.svcinfra.sql.dialect.internal.ConnectionOptions(
                    db.settings().timeouts(), db.settings().tls()));
    return DriverManager.getConnection(target.jdbcUrl(), target.toProperties());
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
