package dev.svcinfra.sql;

import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listeners of one database, as an array replaced on change: the statement path reads one
 * volatile field and, with no listener, allocates nothing (a benchmark-sensitive path).
 */
final class StatementListeners {
  private static final Logger LOG = LoggerFactory.getLogger(StatementListeners.class);
  private static final StatementListener[] NONE = new StatementListener[0];

  private volatile StatementListener[] listeners = NONE;

  synchronized void add(StatementListener listener) {
    StatementListener[] next = Arrays.copyOf(listeners, listeners.length + 1);
    next[listeners.length] = listener;
    listeners = next;
  }

  synchronized void remove(StatementListener listener) {
    listeners =
        Arrays.stream(listeners).filter(l -> l != listener).toArray(StatementListener[]::new);
  }

  void finished(SqlStatement statement, long nanos, int rows, DatabaseException failure) {
    StatementListener[] current = listeners;
    if (current.length == 0) {
      return;
    }
    String sql = statement.sql();
    StatementEvent event =
        new StatementEvent(
            sql,
            statement.table() == null ? null : statement.table().name(),
            StatementEvent.operationOf(sql),
            nanos,
            rows,
            failure);
    for (StatementListener l : current) {
      try {
        l.statementFinished(event);
      } catch (RuntimeException e) {
        // A broken metrics or tracing hook must never fail the caller's statement.
        LOG.warn("statement listener {} failed", l, e);
      }
    }
  }
}
