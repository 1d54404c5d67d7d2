package dev.svcinfra.migrate.internal.runtime;

import dev.svcinfra.migrate.script.MigrationStep;
import java.sql.Connection;

/** The {@link MigrationStep} a revision sees: a sink that remembers how far the revision got. */
final class CountingStep implements MigrationStep {
  private final SqlSink sink;
  private final String dialect;
  private int completed;
  private String current = "";

  CountingStep(SqlSink sink, String dialect) {
    this.sink = sink;
    this.dialect = dialect;
  }

  @Override
  public String dialect() {
    return dialect;
  }

  @Override
  public void execute(String sql) {
    current = sql;
    sink.execute(sql);
    completed++;
    current = "";
  }

  @Override
  public boolean offline() {
    return sink.offline();
  }

  @Override
  public Connection connection() {
    return sink.connection();
  }

  int completed() {
    return completed;
  }

  /** The statement that was running when the revision failed; empty if none was. */
  String failedStatement() {
    return current;
  }
}
