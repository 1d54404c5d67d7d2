package dev.svcinfra.sql;

import dev.svcinfra.sql.dialect.Dialect;
import dev.svcinfra.sql.model.ColumnType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One open transaction on one pooled connection: what repositories and services take as their
 * session. Every statement is logged, bound by the dialect, limited by the statement timeout and
 * translated into typed exceptions. Obtain one from {@link Database#inTransaction}; it commits when
 * the block returns and rolls back when it throws or was marked {@link #setRollbackOnly()}.
 *
 * <pre>{@code
 * db.useTransaction(tx -> {
 *   tx.execute("UPDATE accounts SET balance = balance - ? WHERE id = ?", 10, 1);
 *   tx.execute("UPDATE accounts SET balance = balance + ? WHERE id = ?", 10, 2);
 * });
 * }</pre>
 *
 * @since 0.1
 */
public final class Transaction {
  private final Connection connection;
  private final Dialect dialect;
  private final StatementLog log;
  private final Duration timeout;
  private final int jdbcTimeoutSeconds;
  private final boolean readOnly;

  /**
   * Runs its one statement in auto-commit ({@link Database#inSingleStatement}): no BEGIN and no
   * COMMIT are sent, and a second statement is refused, since the first has already committed.
   */
  private final boolean autoCommit;

  private int statements;

  /**
   * Served by the read pool (a replica, or the primary when none is configured); set by the runner.
   */
  private boolean onReplica;

  /** Set from the thread running the block, read by the runner on that thread after it. */
  private boolean rollbackOnly;

  Transaction(
      Connection connection,
      Dialect dialect,
      StatementLog log,
      Duration timeout,
      boolean serverSideTimeout,
      boolean readOnly,
      boolean autoCommit) {
    this.connection = connection;
    this.dialect = dialect;
    this.log = log;
    this.timeout = timeout;
    // Without a server-side setting, JDBC's query timeout (whole seconds) is the fallback.
    this.jdbcTimeoutSeconds =
        timeout == null || serverSideTimeout
            ? 0
            : (int) Math.max(1, (timeout.toMillis() + 999) / 1000);
    this.readOnly = readOnly;
    this.autoCommit = autoCommit;
  }

  public Dialect dialect() {
    return dialect;
  }

  /** The underlying connection, for what this API does not cover; do not commit or close it. */
  public Connection connection() {
    return connection;
  }

  public boolean isReadOnly() {
    return readOnly;
  }

  /**
   * Whether each statement commits on its own: a single-statement block ({@link
   * Database#inSingleStatement}) that runs without BEGIN and COMMIT. A failed statement then leaves
   * nothing to roll back and nothing after it in the block.
   *
   * @since 0.4
   */
  public boolean isAutoCommit() {
    return autoCommit;
  }

  boolean onReplica() {
    return onReplica;
  }

  void servedByReplica() {
    this.onReplica = true;
  }

  /**
   * Marks the transaction to roll back instead of committing when its block returns normally: the
   * way to undo the block's writes and still return a result (an HTTP handler that answers with an
   * error status, issue 17). A block nested in this transaction marks the outer one.
   */
  public void setRollbackOnly() {
    rollbackOnly = true;
  }

  /** Whether {@link #setRollbackOnly()} was called: the block's end rolls back. */
  public boolean isRollbackOnly() {
    return rollbackOnly;
  }

  /** Runs an INSERT, UPDATE, DELETE or DDL statement with {@code setObject} binding. */
  public int execute(String sql, Object... params) {
    return execute(untyped(sql, params));
  }

  /** Runs a query with {@code setObject} binding and maps every row. */
  public <R> List<R> query(String sql, RowMapper<R> mapper, Object... params) {
    return query(untyped(sql, params), mapper);
  }

  public int execute(SqlStatement statement) {
    long start = System.nanoTime();
    try (PreparedStatement ps = prepare(statement.sql(), false)) {
      bind(ps, statement);
      int rows = ps.executeUpdate();
      log.executed(statement, System.nanoTime() - start, rows);
      return rows;
    } catch (SQLException e) {
      throw failed(statement, start, e);
    }
  }

  public <R> List<R> query(SqlStatement statement, RowMapper<R> mapper) {
    long start = System.nanoTime();
    try (PreparedStatement ps = prepare(statement.sql(), false)) {
      bind(ps, statement);
      List<R> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(mapper.map(rs));
        }
      }
      log.executed(statement, System.nanoTime() - start, out.size());
      return out;
    } catch (SQLException e) {
      throw failed(statement, start, e);
    }
  }

  /**
   * Runs a statement that answers at most one row of interest (a lookup by key, a write with {@code
   * RETURNING} one row) and maps its first row; empty when there is none (or the mapper returns
   * null). The rest of the result is not read: this is what hand-written JDBC does for such
   * statements, and it saves the driver a step past the last row.
   *
   * @since 0.1
   */
  public <R> Optional<R> queryFirst(SqlStatement statement, RowMapper<R> mapper) {
    long start = System.nanoTime();
    try (PreparedStatement ps = prepare(statement.sql(), false)) {
      bind(ps, statement);
      R first = null;
      int rows = 0;
      try (ResultSet rs = ps.executeQuery()) {
        if (rs.next()) {
          first = mapper.map(rs);
          rows = 1;
        }
      }
      log.executed(statement, System.nanoTime() - start, rows);
      return Optional.ofNullable(first);
    } catch (SQLException e) {
      throw failed(statement, start, e);
    }
  }

  /**
   * Runs an INSERT and returns the key the database generated (for dialects without {@code
   * RETURNING}), read as {@code keyType}.
   */
  public Object insertReturningKey(SqlStatement statement, ColumnType keyType) {
    long start = System.nanoTime();
    try (PreparedStatement ps = prepare(statement.sql(), true)) {
      bind(ps, statement);
      int rows = ps.executeUpdate();
      Object key = null;
      try (ResultSet keys = ps.getGeneratedKeys()) {
        if (keys.next()) {
          key = dialect.read(keys, 1, keyType);
        }
      }
      log.executed(statement, System.nanoTime() - start, rows);
      return key;
    } catch (SQLException e) {
      throw failed(statement, start, e);
    }
  }

  private PreparedStatement prepare(String sql, boolean generatedKeys) throws SQLException {
    if (autoCommit && statements++ > 0) {
      // The first statement has committed on its own: a second one would not be atomic with it.
      throw new IllegalStateException(
          "a single-statement block ran a second statement; run blocks of several statements"
              + " with Database.inTransaction");
    }
    PreparedStatement ps =
        generatedKeys
            ? connection.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)
            : connection.prepareStatement(sql);
    if (jdbcTimeoutSeconds > 0) {
      ps.setQueryTimeout(jdbcTimeoutSeconds);
    }
    return ps;
  }

  private void bind(PreparedStatement ps, SqlStatement statement) throws SQLException {
    Object[] values = statement.values();
    ColumnType[] types = statement.types();
    for (int i = 0; i < values.length; i++) {
      if (types[i] == null) {
        ps.setObject(i + 1, values[i]);
      } else {
        dialect.bind(ps, i + 1, values[i], types[i]);
      }
    }
  }

  private DatabaseException failed(SqlStatement statement, long start, SQLException e) {
    DatabaseException translated =
        SqlFailures.translate(e, dialect, statement.table(), timeout, statement.sql(), readOnly);
    log.failed(statement, System.nanoTime() - start, translated);
    return translated;
  }

  private static SqlStatement untyped(String sql, Object[] params) {
    return new SqlStatement(sql, params.clone(), new ColumnType[params.length], null);
  }
}
