package dev.svcinfra.migrate.internal.runtime;

import dev.svcinfra.ErrorCode;
import dev.svcinfra.migrate.MigrationException;
import dev.svcinfra.sql.dialect.Dialect;
import java.io.PrintStream;
import java.sql.Connection;

/**
 * Writes statements as a script instead of running them ({@code upgrade --sql}): each statement
 * ends with {@code ;} and a blank line; a step that would run in a transaction is wrapped in the
 * dialect's {@code BEGIN} and {@code COMMIT}.
 *
 * <pre>{@code
 * SqlSink sink = new OfflineSink(Dialects.POSTGRESQL, System.out);
 * }</pre>
 *
 * @since 0.1
 */
public final class OfflineSink implements SqlSink {
  private final Dialect dialect;
  private final PrintStream out;
  private boolean inTransaction;

  public OfflineSink(Dialect dialect, PrintStream out) {
    this.dialect = dialect;
    this.out = out;
  }

  @Override
  public boolean offline() {
    return true;
  }

  @Override
  public void execute(String sql) {
    out.print(sql.strip());
    out.print(";\n\n");
  }

  @Override
  public void begin(boolean transactional) {
    inTransaction = transactional && !dialect.beginTransaction().isEmpty();
    if (inTransaction) {
      execute(dialect.beginTransaction());
    }
  }

  @Override
  public void commit() {
    if (inTransaction) {
      execute("COMMIT");
      inTransaction = false;
    }
  }

  @Override
  public void rollback() {
    inTransaction = false;
  }

  @Override
  public void comment(String text) {
    out.print("-- " + text + "\n\n");
  }

  @Override
  public Connection connection() {
    throw new MigrationException(
        ErrorCode.MIGRATION_OFFLINE,
        "this revision needs a database connection and cannot be rendered offline (--sql)");
  }
}
