package dev.svcinfra.sql.internal.hooks;

import java.sql.Connection;
import java.time.Duration;
import java.util.Optional;

/** A transaction that another transaction manager began and will end. */
public interface ExternalTransaction {

  /** Its connection: used, never committed, rolled back or closed by svc-infra. */
  Connection connection();

  /** Whether the manager began it read-only. */
  boolean readOnly();

  /** The time the manager leaves it before its deadline, when it has one. */
  Optional<Duration> remainingTimeout();

  /** Asks the manager to roll the transaction back instead of committing it. */
  void setRollbackOnly();
}
