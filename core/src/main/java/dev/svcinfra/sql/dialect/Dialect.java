package dev.svcinfra.sql.dialect;

import dev.svcinfra.config.DatabaseUrl;
import dev.svcinfra.sql.model.ColumnType;
import dev.svcinfra.sql.model.UniqueConstraint;
import dev.svcinfra.sql.model.ForeignKey;
import dev.svcinfra.sql.model.Column;
import dev.svcinfra.sql.model.Index;
import dev.svcinfra.sql.model.Table;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What differs between databases: how a URL becomes a JDBC connection, how identifiers are quoted,
 * how a page or a case-insensitive search is written, and what the database can and cannot do.
 * Outside this package nobody asks which database this is; they ask the dialect.
 *
 * <pre>{@code
 * Dialect dialect = Dialects.forUrl(DatabaseUrl.parse("postgres://localhost/app"));
 * dialect.quote("order");                // "\"order\""
 * dialect.connectionTarget(url, opts);   // JDBC URL plus driver properties
 * }</pre>
 *
 * <p>Implementations are stateless singletons registered in {@link Dialects}.
 *
 * @since 0.1
 */
public interface Dialect {

  /** Canonical name, as used in URLs and revision sections: {@code postgresql}, {@code mysql}. */
  String name();

  /** URL schemes and {@code jdbc:} sub-protocols this dialect recognises. */
  Set<String> schemes();

  /** The JDBC driver class this dialect connects with. */
  String driverClassName();

  /** Maven coordinates of that driver, named in "driver missing" errors. */
  String driverArtifact();

  /** The URL normalized to this dialect's canonical scheme. */
  default String displayUrl(DatabaseUrl url, boolean maskPassword) {
    return url.render(name(), socketParameter(), maskPassword);
  }

  /** The query parameter that carries a Unix-socket path in SQLAlchemy-style URLs. */
  default String socketParameter() {
    return "host";
  }

  /**
   * The JDBC URL and driver properties for {@code url}. The password goes into the properties,
   * never into the JDBC URL; every other setting (database, TLS, timeouts) is in the URL so it can
   * be pasted into a JDBC tool.
   *
   * @throws dev.svcinfra.config.ConfigException when the URL asks for something this database or
   *     driver cannot do (a Unix socket on SQL Server, say)
   */
  ConnectionTarget connectionTarget(DatabaseUrl url, ConnectionOptions options);

  /**
   * The most connections a pool may hold for {@code url}, when the database limits it: an
   * in-memory SQLite or DuckDB database exists per connection, so its pool must be one connection.
   */
  default Optional<Integer> poolLimit(DatabaseUrl url) {
    return Optional.empty();
  }

  /**
   * Creates what must exist before the first connection, such as the directory of an embedded
   * database file. Called when a pool opens, never when a URL is only displayed.
   */
  default void prepare(DatabaseUrl url) {}

  /**
   * A sentence telling the user how to fix a failed connection, chosen by SQLState, or empty.
   * PostgreSQL, for one, explains {@code sslmode} when the server refuses TLS.
   */
  default java.util.Optional<String> connectionHint(java.sql.SQLException e, ConnectionTarget target) {
    return java.util.Optional.empty();
  }

  /** Whether the database lives in this process (SQLite, DuckDB, H2). */
  default boolean isEmbedded() {
    return false;
  }

  // ---- SQL rendering ------------------------------------------------------------------------

  /** Quotes an identifier, doubling embedded quote characters. */
  String quote(String identifier);

  /**
   * Appends this dialect's paging clause. {@code hasOrderBy} tells dialects whose paging requires
   * an ORDER BY (SQL Server) whether to add a neutral one.
   */
  void appendLimitOffset(StringBuilder sql, long limit, long offset, boolean hasOrderBy);

  /**
   * A predicate that is true when {@code column} contains the bound pattern, ignoring case. The
   * parameter is bound to {@link #containsPattern(String)} of the user's text, so {@code %},
   * {@code _} and the escape character match literally.
   */
  String containsIgnoreCase(String quotedColumn);

  /** The bind value for {@link #containsIgnoreCase}: the text escaped and wrapped in {@code %}. */
  default String containsPattern(String text) {
    StringBuilder out = new StringBuilder(text.length() + 2).append('%');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (likeSpecialCharacters().indexOf(c) >= 0) {
        out.append(LIKE_ESCAPE);
      }
      out.append(c);
    }
    return out.append('%').toString();
  }

  /**
   * The escape character of LIKE patterns. {@code !} rather than {@code \}: MySQL treats a
   * backslash in a string literal as an escape of its own, so one character would mean two
   * different things across dialects.
   */
  char LIKE_ESCAPE = '!';

  /** Characters that must be escaped in LIKE patterns: wildcards and the escape itself. */
  default String likeSpecialCharacters() {
    return "%_!";
  }

  /** Whether INSERT/UPDATE can return columns in the same statement ({@code RETURNING}). */
  boolean supportsReturning();

  /**
   * Whether the driver can mark a pooled connection read-only for a read-only transaction.
   * Embedded drivers fix that when the database opens, so there the flag is not set and
   * read-only transactions are read-only by convention only.
   */
  default boolean supportsReadOnlyConnections() {
    return !isEmbedded();
  }

  /** Whether DDL runs inside a transaction and rolls back with it. */
  boolean supportsTransactionalDdl();

  /**
   * Statements that limit every following statement of the current transaction to {@code timeout}
   * on the server; empty when the database has no such setting (JDBC's {@code setQueryTimeout} is
   * the fallback). Each statement takes no parameters.
   */
  List<String> statementTimeoutStatements(Duration timeout);

  /**
   * Whether {@link #statementTimeoutStatements} limit every kind of statement. MySQL's
   * {@code max_execution_time} covers SELECT only, so there JDBC's query timeout limits the rest.
   */
  default boolean statementTimeoutCoversWrites() {
    return true;
  }

  /**
   * Statements that undo {@link #statementTimeoutStatements} when the setting outlives the
   * transaction (session variables in MySQL and MariaDB); empty when the setting is
   * transaction-scoped.
   */
  default List<String> statementTimeoutResetStatements() {
    return List.of();
  }

  // ---- migrations ---------------------------------------------------------------------------

  /**
   * The lock that lets one migration run at a time per database: a session lock on a dedicated
   * connection where the database has one (released by the server when that connection dies), a
   * lease row with an expiry elsewhere.
   */
  MigrationLock migrationLock();

  /** Statements creating the version table: one {@code version_num} row per applied head. */
  List<String> createVersionTable(String table);

  /**
   * Statements creating the history table: one row per applied, undone or stamped step with the
   * file's checksum, who ran it, when, and for how long.
   */
  List<String> createHistoryTable(String table);

  /** A string literal for SQL written to a file (offline mode), escaped for this database. */
  String stringLiteral(String value);

  /** The statement opening a transaction in an offline script; empty without transactional DDL. */
  default String beginTransaction() {
    return "BEGIN";
  }

  /**
   * Session settings for the connection a migration runs on, given the server's major version;
   * undone by {@link #migrationSessionResetStatements}. PostgreSQL 14+ checks for a vanished client
   * during long statements, so a killed migrator does not leave a backend holding locks.
   */
  default List<String> migrationSessionStatements(int serverMajorVersion) {
    return List.of();
  }

  /** Statements undoing {@link #migrationSessionStatements} before the connection is reused. */
  default List<String> migrationSessionResetStatements(int serverMajorVersion) {
    return List.of();
  }

  /**
   * Whether the database can build an index without blocking writes
   * ({@code CREATE INDEX CONCURRENTLY}); lint then flags plain index builds on existing tables.
   */
  default boolean supportsConcurrentIndexBuild() {
    return false;
  }

  // ---- schema changes, for autogenerated migrations ---------------------------------------

  /** {@code ALTER TABLE .. ADD COLUMN}. */
  List<String> addColumnStatements(Table table, Column column);

  /** {@code ALTER TABLE .. DROP COLUMN}. */
  List<String> dropColumnStatements(Table table, String column);

  /**
   * Changes a column's type, nullability and default from {@code from} to {@code to} (same name).
   *
   * @throws UnsupportedDdlException where the database cannot alter columns in place
   */
  List<String> alterColumnStatements(Table table, Column from, Column to);

  List<String> renameColumnStatements(Table table, String from, String to);

  /** Renames the table {@code from} (in {@code table}'s schema) to {@code table}'s name. */
  List<String> renameTableStatements(Table table, String from);

  List<String> addUniqueStatements(Table table, UniqueConstraint unique);

  List<String> dropUniqueStatements(Table table, UniqueConstraint unique);

  List<String> addForeignKeyStatements(Table table, ForeignKey foreignKey);

  List<String> dropForeignKeyStatements(Table table, ForeignKey foreignKey);

  /**
   * Whether JDBC metadata reports this database's indexes and unique constraints. When it does
   * not (DuckDB's driver), autogenerate compares tables and columns only and says so.
   */
  default boolean reflectsIndexes() {
    return true;
  }

  /**
   * Whether a reflected column type is the model's type as this database stores it. By default
   * both render to the same SQL type; databases that forget details (DuckDB keeps no VARCHAR
   * length) compare what they keep.
   */
  default boolean sameColumnType(ColumnType model, ColumnType reflected) {
    return columnTypeSql(model).equalsIgnoreCase(columnTypeSql(reflected));
  }

  /**
   * Whether a reflected default is the model's default as this database stores it, asked when
   * their spellings still differ after the common normalization (casts, quotes, {@code TRUE} as
   * {@code 1}). By default they differ; a database that rewrites defaults in its own way (MySQL
   * pads DECIMAL defaults to the column's scale) answers for what it rewrites, and only for that.
   */
  default boolean sameDefault(ColumnType type, String model, String reflected) {
    return false;
  }

  /**
   * Whether a reflected index's case handling is the model index's as this database stores it.
   * By default an ignore-case index ({@code lower(column)}) and a plain one differ; a database
   * that makes indexes case-insensitive through collations instead (MariaDB) answers for that.
   */
  default boolean sameIndexCase(Index model, Index reflected) {
    return model.ignoreCase() == reflected.ignoreCase();
  }

  /**
   * Reflection clean-up for autogenerate: one table as JDBC metadata reported it, rewritten where
   * this database or its driver reports what it stores otherwise than the models declare it (a
   * DECIMAL precision misread by the driver, a JSON column reported as plain text, an index the
   * database created on its own, an expression index reported as garbage column names or not at
   * all: {@code lower(column)} key parts become {@link Index#ignoreCase()}). Whatever really differs must stay different, so that a real
   * change is still found. By default the table is returned as reported.
   *
   * @param c the connection the metadata came from, for what the metadata does not tell
   * @param schema the table's schema as passed to JDBC metadata; null for the connection's own
   */
  default Table cleanReflectedTable(java.sql.Connection c, String schema, Table table)
      throws java.sql.SQLException {
    return table;
  }

  // ---- DDL over sql.model tables ----------------------------------------------------------

  /** This database's SQL type for a portable column type ({@code VARCHAR(320)}, {@code JSONB}). */
  String columnTypeSql(ColumnType type);

  /** The quoted, schema-qualified name of a table. */
  default String tableName(Optional<String> schema, String name) {
    return schema.map(s -> quote(s) + "." + quote(name)).orElse(quote(name));
  }

  /**
   * The statements that create {@code table} with its primary key, unique, foreign-key and check
   * constraints, column and table comments, and its indexes, in execution order.
   */
  List<String> createTableStatements(Table table);

  /** {@code CREATE [UNIQUE] INDEX} for one index of {@code table}, if {@link #buildsIndex}. */
  String createIndexStatement(Table table, Index index);

  /**
   * Whether this database builds {@code index}. Only PostgreSQL has a trigram index (GIN,
   * {@code pg_trgm}); elsewhere no index serves {@code ILIKE '%term%'}, so it is left out of
   * DDL, autogenerate and {@code check}, and the search scans. It changes no result, so leaving
   * it out keeps one model portable; a rule that cannot be built (an ignore-case unique index
   * on SQL Server) is refused instead.
   */
  default boolean buildsIndex(Index index) {
    return !index.trigram();
  }

  /** The extensions {@code index} needs installed first: PostgreSQL's {@code pg_trgm}. */
  default Set<String> indexExtensions(Index index) {
    return Set.of();
  }

  /** The extensions installed in the database behind {@code c}; empty where there are none. */
  default Set<String> installedExtensions(java.sql.Connection c) throws java.sql.SQLException {
    return Set.of();
  }

  /**
   * Installs {@code extension} unless it is there. No downgrade drops it: other objects may use
   * it. Empty where there are no extensions (the indexes that need one are left out there).
   */
  default List<String> createExtensionStatements(String extension) {
    return List.of();
  }

  /** The statement that drops one index of {@code table}. */
  String dropIndexStatement(Table table, Index index);

  /** The statements that drop {@code table} and what only it uses (an identity sequence). */
  List<String> dropTableStatements(Table table);

  // ---- values, statements, errors -----------------------------------------------------------

  /**
   * Binds a canonical value ({@code String} for text, enum and JSON; {@code Long} for BIGINT;
   * {@code Instant} for TIMESTAMP_TZ; see {@code sql.model.ColumnType.Kind}) or NULL.
   */
  void bind(java.sql.PreparedStatement ps, int index, Object value, ColumnType type)
      throws java.sql.SQLException;

  /** Reads a column as its canonical value, or null. */
  Object read(java.sql.ResultSet rs, int index, ColumnType type) throws java.sql.SQLException;

  /**
   * Reads a column for a field that holds its type's zero (0, false) for NULL anyway, such as a
   * primitive record component: as {@link #read}, except that a primitive kind may answer its
   * zero instead of null, which spares the driver a {@code wasNull()} call per value.
   */
  default Object readZeroForNull(java.sql.ResultSet rs, int index, ColumnType type)
      throws java.sql.SQLException {
    return read(rs, index, type);
  }

  /**
   * What a failure means, by SQLState and vendor code, from a commented table in each dialect;
   * with the constraint and column when the driver tells.
   */
  ClassifiedError classify(java.sql.SQLException e);

  /**
   * {@code INSERT INTO table (columns) VALUES (?, ...)}, returning {@code returning} (already
   * quoted) in the same statement when {@link #supportsReturning()}; otherwise {@code returning}
   * is ignored.
   */
  default String insertStatement(String table, List<String> quotedColumns, List<String> returning) {
    StringBuilder sql = new StringBuilder("INSERT INTO ").append(table).append(" (")
        .append(String.join(", ", quotedColumns)).append(") VALUES (");
    for (int i = 0; i < quotedColumns.size(); i++) {
      sql.append(i == 0 ? "?" : ", ?");
    }
    sql.append(')');
    if (supportsReturning() && !returning.isEmpty()) {
      sql.append(" RETURNING ").append(String.join(", ", returning));
    }
    return sql.toString();
  }

  /**
   * {@code UPDATE table SET set WHERE where}, returning {@code returning} when
   * {@link #supportsReturning()}.
   */
  default String updateStatement(String table, String set, String where, List<String> returning) {
    StringBuilder sql = new StringBuilder("UPDATE ").append(table).append(" SET ").append(set)
        .append(" WHERE ").append(where);
    if (supportsReturning() && !returning.isEmpty()) {
      sql.append(" RETURNING ").append(String.join(", ", returning));
    }
    return sql.toString();
  }

  /** A statement that answers one row when the connection works. */
  default String pingQuery() {
    return "SELECT 1";
  }

  /**
   * A query run on a read replica answering one row with one column: how far the replica lags
   * behind its primary, in milliseconds, or SQL NULL when the server is not a replica at all.
   * Empty when this dialect has no portable way to ask (health checks then only ping the
   * replica): MySQL and MariaDB report lag only through {@code SHOW REPLICA STATUS}, which needs
   * the REPLICATION CLIENT privilege an application user rarely has.
   */
  default Optional<String> replicaLagQuery() {
    return Optional.empty();
  }
}
