package dev.svcinfra.sql.dialect;

import dev.svcinfra.ErrorCode;
import dev.svcinfra.config.ConfigException;
import dev.svcinfra.config.DatabaseUrl;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The registry of dialects, and the one place a URL scheme is matched to a database.
 *
 * <pre>{@code
 * Dialect d = Dialects.forUrl(DatabaseUrl.parse("mysql+aiomysql://app@db/shop"));   // mysql
 * Dialect p = Dialects.byName("postgresql");
 * }</pre>
 *
 * <p>Python driver suffixes ({@code +asyncpg}, {@code +psycopg}, {@code +aiomysql}, {@code
 * +pymysql}, {@code +aiosqlite}, {@code +pyodbc}, ...) are accepted and mean the Java driver of the
 * dialect; {@code mysql+mariadbconnector} selects MariaDB Connector/J.
 *
 * @since 0.1
 */
public final class Dialects {
  public static final Dialect POSTGRESQL = new PostgresDialect();
  public static final Dialect MYSQL = new MySqlDialect();
  public static final Dialect MARIADB = new MariaDbDialect();
  public static final Dialect SQLITE = new SqliteDialect();
  public static final Dialect MSSQL = new SqlServerDialect();
  public static final Dialect SNOWFLAKE = new SnowflakeDialect();
  public static final Dialect DUCKDB = new DuckDbDialect();
  public static final Dialect H2 = new H2Dialect();

  private static final List<Dialect> ALL =
      List.of(POSTGRESQL, MYSQL, MARIADB, SQLITE, MSSQL, SNOWFLAKE, DUCKDB, H2);

  private Dialects() {}

  /** Every registered dialect. */
  public static List<Dialect> all() {
    return ALL;
  }

  /** The dialect for a URL's scheme (and driver suffix). */
  public static Dialect forUrl(DatabaseUrl url) {
    Dialect dialect =
        forScheme(url.scheme())
            .orElseThrow(
                () ->
                    new ConfigException(
                        ErrorCode.INVALID_DATABASE_URL,
                        "unknown database '"
                            + url.scheme()
                            + "' in "
                            + url
                            + "; known: "
                            + knownSchemes()));
    if (dialect == MYSQL && url.driver().filter(d -> d.startsWith("mariadb")).isPresent()) {
      return MARIADB;
    }
    return dialect;
  }

  /** The dialect recognising {@code scheme}, if any. */
  public static Optional<Dialect> forScheme(String scheme) {
    String s = scheme.toLowerCase(Locale.ROOT);
    return ALL.stream().filter(d -> d.schemes().contains(s)).findFirst();
  }

  /** The dialect named {@code name} (canonical name or any scheme it recognises). */
  public static Dialect byName(String name) {
    return forScheme(name)
        .orElseThrow(
            () ->
                new ConfigException(
                    ErrorCode.INVALID_SETTING,
                    "unknown dialect '" + name + "'; known: " + knownSchemes()));
  }

  private static String knownSchemes() {
    Set<String> names = new TreeSet<>();
    ALL.forEach(d -> names.add(d.name()));
    return String.join(", ", names);
  }
}
