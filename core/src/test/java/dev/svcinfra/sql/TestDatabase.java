package dev.svcinfra.sql;

import dev.svcinfra.config.DatabaseSettings;
import dev.svcinfra.sql.model.Table;
import dev.svcinfra.testing.TestServices;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * The databases the data-layer suite runs on, each handing out a fresh, empty database per call:
 * a new PostgreSQL or MariaDB database on the test server, a new SQLite or DuckDB file in a
 * temporary directory.
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

  /** A fresh database with default settings. */
  public Database open() {
    return open(UnaryOperator.identity());
  }

  /** A fresh database with adjusted settings. */
  public Database open(UnaryOperator<DatabaseSettings> adjust) {
    return Database.open(adjust.apply(DatabaseSettings.of(newUrl())));
  }

  /** Every database of the suite, for {@code @MethodSource}. */
  public static Stream<TestDatabase> all() {
    return Stream.of(values());
  }

  /** Creates the tables (with their indexes) in {@code db}. */
  public static void create(Database db, Table... tables) {
    db.useTransaction(tx -> {
      for (Table t : tables) {
        for (String sql : db.dialect().createTableStatements(t)) {
          tx.execute(sql);
        }
      }
    });
  }

  private static String tempFile(String name) {
    try {
      Path dir = Files.createTempDirectory("svc-infra-test");
      dir.toFile().deleteOnExit();
      // An absolute path: sqlite:////abs/path, written with the leading slash of the path.
      return dir.resolve(name).toAbsolutePath().toString();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
