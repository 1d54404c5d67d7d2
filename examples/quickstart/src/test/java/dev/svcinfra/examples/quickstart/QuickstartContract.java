package dev.svcinfra.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * The HTTP contract of DESIGN.md, exercised against the running quickstart. One subclass per
 * database starts the service over a fresh database of its kind.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class QuickstartContract
    implements UserRoutesContract,
        TenantAndTransferContract,
        ServiceRoutesContract,
        ExactValuesContract,
        ConcurrentWritesContract,
        IdempotencyContract,
        UserFiltersContract,
        RestoreContract {
  RunningQuickstart service;

  /** A URL of a fresh, empty database. */
  abstract String newDatabaseUrl();

  @BeforeAll
  void start() {
    service = new RunningQuickstart(newDatabaseUrl());
  }

  @AfterAll
  void stop() {
    if (service != null) {
      service.close();
    }
  }

  @Override
  public RunningQuickstart service() {
    return service;
  }

  @AfterEach
  void everyConnectionIsBack() throws InterruptedException {
    // A request's transaction ends before its response is sent; give the pool a moment to see it.
    for (int i = 0; i < 50 && service.db.activeConnections() > 0; i++) {
      Thread.sleep(20);
    }
    assertThat(service.db.activeConnections()).isZero();
  }
}
