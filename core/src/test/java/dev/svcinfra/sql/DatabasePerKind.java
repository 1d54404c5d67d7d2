package dev.svcinfra.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.svcinfra.sql.model.TableMapping;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * One fresh database of every {@link TestDatabase} kind holding the tables of the given models, for
 * property suites whose tables live across tries (opened before the container, closed after it).
 * Closing checks that no connection is still borrowed, as {@link DatabaseSuite} does after each
 * test.
 */
public final class DatabasePerKind implements AutoCloseable {
  private final Map<TestDatabase, Database> byKind = new EnumMap<>(TestDatabase.class);

  private DatabasePerKind() {}

  /** Opens one database of each kind and creates the models' tables in it. */
  public static DatabasePerKind withTables(Class<?>... models) {
    DatabasePerKind opened = new DatabasePerKind();
    for (TestDatabase kind : TestDatabase.values()) {
      Database db = kind.open();
      opened.byKind.put(kind, db);
      for (Class<?> model : models) {
        TestDatabase.create(db, TableMapping.of(model).table());
      }
    }
    return opened;
  }

  public Database get(TestDatabase kind) {
    return byKind.get(kind);
  }

  /** Every database by kind, in the order of {@link TestDatabase}. */
  public Map<TestDatabase, Database> all() {
    return Collections.unmodifiableMap(byKind);
  }

  @Override
  public void close() {
    try {
      byKind
          .values()
          .forEach(
              db ->
                  assertThat(db.activeConnections())
                      .as("connections still borrowed from %s", db)
                      .isZero());
    } finally {
      byKind.values().forEach(Database::close);
      byKind.clear();
    }
  }
}
