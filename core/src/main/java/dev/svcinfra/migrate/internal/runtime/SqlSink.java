package dev.svcinfra.migrate.internal.runtime;

import java.sql.Connection;

/**
 * Where statements go: executed on a connection ({@link OnlineSink}) or written as a script ({@link
 * OfflineSink}). Migration statements and version-table statements take the same road, so an
 * offline script holds exactly what an online run executes.
 *
 * <pre>{@code
 * SqlSink sink = new OfflineSink(Dialects.POSTGRESQL, System.out);
 * sink.begin(true); sink.execute("CREATE TABLE t (id INT)"); sink.commit();
 * }</pre>
 *
 * @since 0.1
 */
public interface SqlSink {

  /** Whether statements are written instead of run. */
  boolean offline();

  /** Runs or writes one statement. */
  void execute(String sql);

  /** Starts a step; {@code transactional} wraps it in a transaction. */
  void begin(boolean transactional);

  /** Ends a step successfully. */
  void commit();

  /** Ends a failed step: rolls back what a transaction holds. */
  void rollback();

  /** A comment for readers of an offline script; ignored online. */
  void comment(String text);

  /**
   * The connection statements run on.
   *
   * @throws dev.svcinfra.migrate.MigrationException offline
   */
  Connection connection();
}
