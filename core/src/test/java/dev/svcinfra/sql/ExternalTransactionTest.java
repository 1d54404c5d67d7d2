package dev.svcinfra.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import dev.svcinfra.config.DatabaseSettings;
import dev.svcinfra.config.internal.StatementLogSettings;
import dev.svcinfra.sql.internal.hooks.DatabaseHooks;
import dev.svcinfra.sql.internal.hooks.ExternalTransaction;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Blocks join the transaction another transaction manager runs on the thread (the Spring Boot
 * starter's hook): they use its connection and leave commit, rollback and closing to it; pools take
 * their names and metrics registry from the hooks.
 */
class ExternalTransactionTest extends DatabaseSuite {
  @TempDir Path dir;

  /** A transaction begun by "another manager": a plain JDBC connection with auto-commit off. */
  private static final class Outer implements ExternalTransaction {
    final Connection connection;
    final Duration remaining;
    boolean rollbackOnly;

    Outer(Connection connection, Duration remaining) {
      this.connection = connection;
      this.remaining = remaining;
    }

    @Override
    public Connection connection() {
      return connection;
    }

    @Override
    public boolean readOnly() {
      return false;
    }

    @Override
    public Optional<Duration> remainingTimeout() {
      return Optional.ofNullable(remaining);
    }

    @Override
    public void setRollbackOnly() {
      rollbackOnly = true;
    }
  }

  @Test
  void blocksRunOnTheOuterConnectionAndNeverCommitOrCloseIt() throws Exception {
    String file = dir.resolve("ext.db").toAbsolutePath().toString();
    AtomicReference<Outer> active = new AtomicReference<>();
    Database db =
        track(
            Database.open(
                DatabaseSettings.of("sqlite:///" + file),
                StatementLogSettings.defaults(),
                new DatabaseHooks("ext", null, active::get)));
    db.useTransaction(tx -> tx.execute("CREATE TABLE t (id INT)"));
    try (Connection outer = DriverManager.getConnection("jdbc:sqlite:" + file)) {
      outer.setAutoCommit(false);
      Outer tx = new Outer(outer, null);
      active.set(tx);
      db.useTransaction(
          t -> {
            assertThat(t.connection()).isSameAs(outer);
            t.execute("INSERT INTO t VALUES (1)");
            // A nested block joins the same transaction.
            db.useTransaction(inner -> assertThat(inner).isSameAs(t));
          });
      assertThat(outer.isClosed()).isFalse();
      assertThat(count(outer)).isEqualTo(1);
      // The outer manager decides: it rolls back, and the block's row is gone.
      outer.rollback();
      active.set(null);
      java.util.List<Integer> after =
          db.inTransaction(t -> t.query("SELECT COUNT(*) FROM t", rs -> rs.getInt(1)));
      assertThat(after).containsExactly(0);

      active.set(tx);
      db.useTransaction(Transaction::setRollbackOnly);
      assertThat(tx.rollbackOnly).isTrue();
      assertThatThrownBy(
              () ->
                  db.useTransaction(
                      t -> {
                        throw new IllegalStateException("boom");
                      }))
          .hasMessage("boom");
      assertThat(outer.isClosed()).isFalse();
    }
  }

  @Test
  void theOuterDeadlineLimitsStatements() throws Exception {
    String url = dev.svcinfra.testing.TestServices.newPostgresDatabase();
    AtomicReference<Outer> active = new AtomicReference<>();
    Database db =
        track(
            Database.open(
                DatabaseSettings.of(url),
                StatementLogSettings.defaults(),
                new DatabaseHooks("ext", null, active::get)));
    try (Connection outer = db.dataSource().getConnection()) {
      outer.setAutoCommit(false);
      active.set(new Outer(outer, Duration.ofMillis(900)));
      assertThatThrownBy(
              () -> db.useTransaction(t -> t.query("SELECT pg_sleep(5)", rs -> rs.getString(1))))
          .isInstanceOf(StatementTimeoutException.class);
      outer.rollback();
    }
  }

  @Test
  void poolsTakeTheirNamesAndRegistryFromTheHooks() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    AtomicBoolean asked = new AtomicBoolean();
    Database db =
        track(
            Database.open(
                DatabaseSettings.of("sqlite:///" + dir.resolve("m.db").toAbsolutePath()),
                StatementLogSettings.defaults(),
                new DatabaseHooks(
                    "orders",
                    new MicrometerMetricsTrackerFactory(registry),
                    () -> {
                      asked.set(true);
                      return null;
                    })));
    db.useTransaction(
        tx ->
            assertThat(
                    registry
                        .get("hikaricp.connections.active")
                        .tag("pool", "orders-primary")
                        .gauge()
                        .value())
                .isEqualTo(1.0));
    assertThat(asked).isTrue();
    assertThatThrownBy(() -> new DatabaseHooks("bad name", null, null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static int count(Connection c) throws Exception {
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM t")) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
