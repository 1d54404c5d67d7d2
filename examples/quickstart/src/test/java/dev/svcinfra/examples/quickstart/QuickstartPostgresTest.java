package dev.svcinfra.examples.quickstart;

import dev.svcinfra.testing.TestServices;

/** The HTTP contract on PostgreSQL. */
class QuickstartPostgresTest extends QuickstartContract implements LostSessionContract {
  @Override
  String newDatabaseUrl() {
    return TestServices.newPostgresDatabase();
  }
}
