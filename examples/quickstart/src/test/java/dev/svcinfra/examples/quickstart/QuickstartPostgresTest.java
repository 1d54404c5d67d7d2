package dev.svcinfra.examples.quickstart;

import dev.svcinfra.testing.TestServices;

/** The HTTP contract on PostgreSQL. */
class QuickstartPostgresTest extends QuickstartContract {
  @Override
  String newDatabaseUrl() {
    return TestServices.newPostgresDatabase();
  }
}
