package dev.svcinfra.spring.internal;

import dev.svcinfra.sql.internal.hooks.ExternalTransaction;
import dev.svcinfra.sql.internal.hooks.ExternalTransactions;
import java.sql.Connection;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.ConnectionHolder;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Finds the transaction Spring's {@code DataSourceTransactionManager} (behind
 * {@code @Transactional} and {@code TransactionTemplate}) runs on this thread for the application's
 * {@code DataSource}, so that {@code Database.inTransaction} blocks, and so repositories and
 * services, work on the same connection as {@code JdbcTemplate} and commit or roll back with it.
 *
 * <p>The {@code DataSource} is set once, after the database it wraps is open: the database needs
 * this finder first.
 */
public final class SpringTransactions implements ExternalTransactions {
  private volatile DataSource dataSource;

  /** Binds the finder to the {@code DataSource} Spring's transaction manager uses. */
  public void bind(DataSource value) {
    if (dataSource != null) {
      throw new IllegalStateException("already bound to a DataSource");
    }
    dataSource = value;
  }

  @Override
  public ExternalTransaction current() {
    DataSource key = dataSource;
    // Synchronization alone (PROPAGATION_SUPPORTS, NOT_SUPPORTED) is no transaction to join.
    if (key == null || !TransactionSynchronizationManager.isActualTransactionActive()) {
      return null;
    }
    Object resource = TransactionSynchronizationManager.getResource(key);
    if (!(resource instanceof ConnectionHolder holder) || !holder.isSynchronizedWithTransaction()) {
      return null;
    }
    return new Joined(holder, TransactionSynchronizationManager.isCurrentTransactionReadOnly());
  }

  private record Joined(ConnectionHolder holder, boolean readOnly) implements ExternalTransaction {
    @Override
    public Connection connection() {
      return holder.getConnection();
    }

    @Override
    public Optional<Duration> remainingTimeout() {
      // Throws Spring's TransactionTimedOutException once the deadline has passed.
      return holder.hasTimeout()
          ? Optional.of(Duration.ofMillis(holder.getTimeToLiveInMillis()))
          : Optional.empty();
    }

    @Override
    public void setRollbackOnly() {
      holder.setRollbackOnly();
    }
  }
}
