package dev.svcinfra.sql;

/**
 * Hears about every statement a {@link Transaction} ran, after it finished or failed: the hook for
 * metrics and tracing. Called on the thread that ran the statement, so a listener sees that
 * thread's context (a tracing span, a logging MDC). It must be quick and must not throw: it runs
 * inside the caller's transaction.
 *
 * <pre>{@code
 * db.addStatementListener(e -> timer(e.table(), e.operation()).record(e.nanos(), NANOSECONDS));
 * }</pre>
 *
 * <p>Without a listener a statement costs one read of a volatile field more (issue 21).
 *
 * @since 0.4
 */
@FunctionalInterface
public interface StatementListener {
  /** {@code event} has finished; its {@link StatementEvent#failure()} says whether it failed. */
  void statementFinished(StatementEvent event);
}
