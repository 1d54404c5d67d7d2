package dev.svcinfra.sql.internal.hooks;

/**
 * Finds the transaction that a transaction manager outside svc-infra runs on the current thread for
 * one database. A {@code Database} block started while there is one joins it: it runs its
 * statements on that transaction's connection and leaves commit, rollback and closing to the
 * manager that began it.
 */
@FunctionalInterface
public interface ExternalTransactions {

  /** The transaction active on this thread for the database, or null when there is none. */
  ExternalTransaction current();
}
