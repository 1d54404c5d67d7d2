package dev.svcinfra.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.svcinfra.config.DatabaseSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;

/**
 * Base of tests that run on every {@link TestDatabase}: opens fresh databases and, after each test,
 * checks that no connection is still borrowed (a leak) before closing them.
 */
public abstract class DatabaseSuite {
  private final List<Database> opened = new ArrayList<>();

  protected Database open(TestDatabase kind) {
    return track(kind.open());
  }

  protected Database open(TestDatabase kind, UnaryOperator<DatabaseSettings> adjust) {
    return track(kind.open(adjust));
  }

  protected Database track(Database db) {
    opened.add(db);
    return db;
  }

  @AfterEach
  void noConnectionLeaks() {
    try {
      for (Database db : opened) {
        assertThat(db.activeConnections()).as("connections still borrowed from %s", db).isZero();
      }
    } finally {
      opened.forEach(Database::close);
      opened.clear();
    }
  }
}
