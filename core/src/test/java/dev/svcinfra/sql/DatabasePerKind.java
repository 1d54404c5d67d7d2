package dev.svcinfra.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.svcinfra.sql.model.internal.TableMapping;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.opentest4j.TestAbortedException;

/**
 * One fresh database of every {@link TestDatabase} kind holding the tables of the given models, for
 * property suites whose tables live across tries (opened before the container, closed after it).
 * Closing checks that no connection is still borrowed, as {@link DatabaseSuite} does after each
 * test.
 */
public final class DatabasePerKind implements AutoCloseable {
  private final Map<TestDatabase, Database> byKind = new EnumMap<>(TestDatabase.class);

  private DatabasePerKind() {}

  /**
   * Opens one database of each kind and creates the models' tables in it. A kind whose server does
   * not answer is left out outside CI (with a line saying so), as a plain test of it would be
   * skipped; in CI, or when SVC_INFRA_TEST_REQUIRE names it, opening it fails the suite.
   */
  public static DatabasePerKind withTables(Class<?>... models) {
    DatabasePerKind opened = new DatabasePerKind();
    for (TestDatabase kind : TestDatabase.values()) {
      Optional<Database> db = openIfPresent(kind);
      if (db.isEmpty()) {
        continue;
      }
      opened.byKind.put(kind, db.get());
      for (Class<?> model : models) {
        TestDatabase.create(db.get(), TableMapping.of(model).table());
      }
    }
    return opened;
  }

  /** A fresh database of {@code kind}, or empty when its server is absent outside CI. */
  public static Optional<Database> openIfPresent(TestDatabase kind) {
    try {
      return Optional.of(kind.open());
    } catch (TestAbortedException absent) {
      System.err.println(kind + " left out of the property suite: " + absent.getMessage());
      return Optional.empty();
    }
  }

  /** Whether {@code kind} was opened (its server answered). */
  public boolean has(TestDatabase kind) {
    return byKind.containsKey(kind);
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
