package dev.svcinfra.sql;

import dev.svcinfra.config.DatabaseSettings;
import dev.svcinfra.sql.model.internal.Table;
import dev.svcinfra.testing.TestServices;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * The databases the data-layer suite runs on, each handing out a fresh, empty database per call: a
 * new PostgreSQL or MariaDB database on the test server, a new SQLite or DuckDB file in a temporary
 * directory.
 */
public enum TestDatabase {
  POSTGRESQL {
    @Override
    String newUrl() {
      return TestServices.newPostgresDatabase();
    }
  },
  MARIADB {
    @Override
    String newUrl() {
      return TestServices.newMariadbDatabase();
    }
  },
  SQLITE {
    @Override
    String newUrl() {
      return "sqlite:///" + tempFile("test.db");
    }
  },
  DUCKDB {
    @Override
    String newUrl() {
      return "duckdb:///" + tempFile("test.duckdb");
    }
  };

  abstract String newUrl();

  /**
   * Connections per test pool: small, because developers and CI share the database servers and each
   * test opens its own pool.
   */
  public static final int POOL_SIZE = 3;

  /** A fresh database with default settings and a pool of {@link #POOL_SIZE}. */
  public Database open() {
    return open(UnaryOperator.identity());
  }

  /** A fresh database with adjusted settings. */
  public Database open(UnaryOperator<DatabaseSettings> adjust) {
    DatabaseSettings settings = DatabaseSettings.of(newUrl());
    return Database.open(adjust.apply(settings.withPool(settings.pool().withSize(POOL_SIZE))));
  }

  /** Every database of the suite, for {@code @MethodSource}. */
  public static Stream<TestDatabase> all() {
    return Stream.of(values());
  }

  /** Creates the tables (with their indexes) in {@code db}. */
  public static void create(Database db, Table... tables) {
    db.useTransaction(
        tx -> {
          for (Table t : tables) {
            for (String sql : db.dialect().createTableStatements(t)) {
              tx.execute(sql);
            }
          }
        });
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // the JVM is exiting; a leftover temporary directory is harmless
    }
  }

  private static String tempFile(String name) {
    try {
      Path dir = Files.createTempDirectory("svc-infra-test");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
      // An absolute path: sqlite:////abs/path, written with the leading slash of the path.
      return dir.resolve(name).toAbsolutePath().toString();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
