package dev.svcinfra.examples.quickstart;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP contract on SQLite, the quickstart's default database. */
class QuickstartSqliteTest extends QuickstartContract {
  @TempDir static Path dir;

  @Override
  String newDatabaseUrl() {
    return "sqlite:///" + dir.resolve("quickstart.db").toAbsolutePath();
  }
}
