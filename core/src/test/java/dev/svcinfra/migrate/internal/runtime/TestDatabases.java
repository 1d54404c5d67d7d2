package dev.svcinfra.migrate.internal.runtime;

import dev.svcinfra.testing.TestServices;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/** The databases migration behaviour is tested on, each handing out a fresh, empty database. */
public enum TestDatabases {
  POSTGRESQL(TestServices::newPostgresDatabase),
  MARIADB(TestServices::newMariadbDatabase),
  SQLITE(() -> "sqlite:///" + tempFile("db.sqlite")),
  DUCKDB(() -> "duckdb:///" + tempFile("db.duckdb"));

  private final Supplier<String> url;

  TestDatabases(Supplier<String> url) {
    this.url = url;
  }

  /** A new empty database's URL. */
  public String newUrl() {
    return url.get();
  }

  private static String tempFile(String name) {
    try {
      Path dir = Files.createTempDirectory("svc-migrate");
      dir.toFile().deleteOnExit();
      return dir.resolve(name).toAbsolutePath().toString();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The user tables of the connection's current schema, lower case. */
  public static Set<String> tables(Connection c) throws Exception {
    Set<String> out = new TreeSet<>();
    String schema;
    try {
      schema = c.getSchema();
    } catch (Exception e) {
      schema = null;
    }
    try (ResultSet rs =
        c.getMetaData()
            .getTables(c.getCatalog(), schema, "%", new String[] {"TABLE", "BASE TABLE"})) {
      while (rs.next()) {
        out.add(rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT));
      }
    }
    return out;
  }

  public static final List<String> BOOKKEEPING =
      List.of("svc_infra_version", "svc_infra_version_history", "svc_infra_version_lock");
}
