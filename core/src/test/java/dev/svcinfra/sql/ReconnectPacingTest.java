package dev.svcinfra.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.svcinfra.sql.dialect.Dialects;
import java.io.PrintWriter;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * How the pool's connection attempts are paced while they fail (issue 18): quickly while the
 * database is unreachable, gently when the server is full, at HikariCP's own pace when the settings
 * are wrong; the first success ends the loop and the outage.
 */
class ReconnectPacingTest {

  /** Fails with each exception in turn, then hands out a connection; records when it was asked. */
  static final class ScriptedSource implements DataSource {
    final List<SQLException> failures;
    final List<Long> asked = new ArrayList<>();

    ScriptedSource(List<SQLException> failures) {
      this.failures = new ArrayList<>(failures);
    }

    @Override
    public synchronized Connection getConnection() throws SQLException {
      asked.add(System.nanoTime());
      if (!failures.isEmpty()) {
        throw failures.remove(0);
      }
      return (Connection)
          Proxy.newProxyInstance(
              getClass().getClassLoader(), new Class<?>[] {Connection.class}, (p, m, a) -> null);
    }

    @Override
    public Connection getConnection(String u, String p) throws SQLException {
      return getConnection();
    }

    @Override
    public PrintWriter getLogWriter() {
      return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {}

    @Override
    public void setLoginTimeout(int seconds) {}

    @Override
    public int getLoginTimeout() {
      return 0;
    }

    @Override
    public Logger getParentLogger() {
      return Logger.getGlobal();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
      throw new SQLException("no");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
      return false;
    }

    long gapMillis(int i) {
      return (asked.get(i) - asked.get(i - 1)) / 1_000_000;
    }
  }

  private static SQLException refused() {
    return new SQLException("Connection refused", "08001");
  }

  @Test
  void anUnreachableDatabaseIsRetriedWithinAQuarterOfASecond() throws Exception {
    ScriptedSource source =
        new ScriptedSource(List.of(refused(), refused(), refused(), refused(), refused()));
    ReconnectingDataSource r = new ReconnectingDataSource(source, Dialects.POSTGRESQL, "test");
    assertThat(r.getConnection()).isNotNull();
    assertThat(source.asked).hasSize(6);
    // 50, 100, 200, then capped at 250 ms (plus scheduling).
    assertThat(source.gapMillis(1)).isBetween(45L, 200L);
    for (int i = 4; i <= 5; i++) {
      assertThat(source.gapMillis(i)).isBetween(240L, 450L);
    }
    assertThat(r.outage()).isEmpty();
  }

  @Test
  void aFullServerOrAWrongSettingIsRetriedGently() {
    ReconnectingDataSource pg =
        new ReconnectingDataSource(new ScriptedSource(List.of()), Dialects.POSTGRESQL, "test");
    assertThat(pg.retryAfter(new SQLException("too many clients", "53300"), 50))
        .isEqualTo(ReconnectingDataSource.FULL_SERVER_RETRY_MILLIS);
    assertThat(pg.retryAfter(new SQLException("password authentication failed", "28P01"), 50))
        .isEqualTo(ReconnectingDataSource.SLOW_RETRY_MILLIS);
    assertThat(pg.retryAfter(new SQLException("the database system is starting up", "57P03"), 50))
        .isEqualTo(50);
    ReconnectingDataSource maria =
        new ReconnectingDataSource(new ScriptedSource(List.of()), Dialects.MARIADB, "test");
    assertThat(maria.retryAfter(new SQLException("Too many connections", "08004", 1040), 50))
        .isEqualTo(ReconnectingDataSource.FULL_SERVER_RETRY_MILLIS);
    assertThat(maria.retryAfter(new SQLException("Can't connect", "08000", 2002), 50))
        .isEqualTo(50);
  }

  @Test
  void theOutageIsKnownWhileItLastsAndClosingEndsTheLoop() throws Exception {
    List<SQLException> many = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      many.add(refused());
    }
    ReconnectingDataSource r =
        new ReconnectingDataSource(new ScriptedSource(many), Dialects.POSTGRESQL, "test");
    CompletableFuture<Connection> attempt =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return r.getConnection();
              } catch (SQLException e) {
                throw new IllegalStateException(e);
              }
            });
    Thread.sleep(300);
    assertThat(r.outage()).hasValueSatisfying(e -> assertThat(e.getSQLState()).isEqualTo("08001"));
    long closing = System.nanoTime();
    r.close();
    assertThatThrownBy(() -> attempt.get(2, TimeUnit.SECONDS))
        .hasCauseInstanceOf(IllegalStateException.class)
        .hasRootCauseMessage("Connection refused");
    assertThat((System.nanoTime() - closing) / 1_000_000).isLessThan(1_000);
  }
}
