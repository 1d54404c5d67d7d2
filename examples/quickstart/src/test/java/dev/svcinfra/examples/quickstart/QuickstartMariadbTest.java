package dev.svcinfra.examples.quickstart;

import dev.svcinfra.testing.TestServices;

/** The HTTP contract on MariaDB. */
class QuickstartMariadbTest extends QuickstartContract implements LostSessionContract {
  @Override
  String newDatabaseUrl() {
    return TestServices.newMariadbDatabase();
  }
}
