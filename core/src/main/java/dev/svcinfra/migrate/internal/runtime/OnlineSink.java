package dev.svcinfra.migrate.internal.runtime;

import dev.svcinfra.ErrorCode;
import dev.svcinfra.migrate.MigrationException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Executes statements on one connection. Each statement is logged at debug level and handed to an
 * optional observer (tests compare it with the offline script).
 *
 * <pre>{@code
 * SqlSink sink = new OnlineSink(connection, sql -> {});
 * }</pre>
 *
 * @since 0.1
 */
public final class OnlineSink implements SqlSink {
  private static final Logger LOG = LoggerFactory.getLogger(OnlineSink.class);

  private final Connection connection;
  private final Consumer<String> observer;
  private boolean inTransaction;

  public OnlineSink(Connection connection, Consumer<String> observer) {
    this.connection = connection;
    this.observer = observer;
  }

  @Override
  public boolean offline() {
    return false;
  }

  @Override
  public void execute(String sql) {
    LOG.debug("{}", sql);
    try (Statement st = connection.createStatement()) {
      st.execute(sql);
    } catch (SQLException e) {
      throw new StatementFailedException(sql, e);
    }
    observer.accept(sql);
  }

  @Override
  public void begin(boolean transactional) {
    try {
      connection.setAutoCommit(!transactional);
      inTransaction = transactional;
    } catch (SQLException e) {
      throw new MigrationException(
          ErrorCode.MIGRATION_FAILED, "cannot start a transaction: " + e.getMessage(), e);
    }
  }

  @Override
  public void commit() {
    if (inTransaction) {
      try {
        connection.commit();
        connection.setAutoCommit(true);
      } catch (SQLException e) {
        throw new StatementFailedException("COMMIT", e);
      } finally {
        inTransaction = false;
      }
    }
  }

  @Override
  public void rollback() {
    if (inTransaction) {
      try {
        connection.rollback();
        connection.setAutoCommit(true);
      } catch (SQLException e) {
        LOG.warn("rollback failed after a failed migration step: {}", e.getMessage());
      } finally {
        inTransaction = false;
      }
    }
  }

  @Override
  public void comment(String text) {
    LOG.info("{}", text);
  }

  @Override
  public Connection connection() {
    return connection;
  }
}
