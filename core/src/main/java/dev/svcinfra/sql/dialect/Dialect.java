package dev.svcinfra.sql.dialect;

import dev.svcinfra.config.DatabaseUrl;
import dev.svcinfra.sql.dialect.internal.BackupRestore;
import dev.svcinfra.sql.dialect.internal.ClassifiedError;
import dev.svcinfra.sql.dialect.internal.ConnectionOptions;
import dev.svcinfra.sql.dialect.internal.ConnectionTarget;
import dev.svcinfra.sql.dialect.internal.ListSql;
import dev.svcinfra.sql.dialect.internal.MigrationSql;
import dev.svcinfra.sql.dialect.internal.ReplicaPositions;
import dev.svcinfra.sql.dialect.internal.ReplicationProbe;
import dev.svcinfra.sql.dialect.internal.SchemaDdl;
import dev.svcinfra.sql.dialect.internal.WriteSql;
import dev.svcinfra.sql.model.ColumnType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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
 * <p>The DDL over {@code sql.model} tables that autogenerate needs (create, alter and drop, and the
 * clean-up of reflected tables) is declared in {@link SchemaDdl}, which this interface extends, so
 * a dialect is also its DDL and callers hold one object. What the migration runtime alone asks (its
 * lock, version and history tables, offline scripts, session settings) is likewise declared in
 * {@link MigrationSql}, and what the list path alone asks (the planner's row estimate) in {@link
 * ListSql}.
 *
 * <p>Implementations are stateless singletons registered in {@link Dialects}.
 *
 * @since 0.1
 */
public interface Dialect extends SchemaDdl, MigrationSql, ListSql, WriteSql {

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
   * The most connections a pool may hold for {@code url}, when the database limits it: an in-memory
   * SQLite or DuckDB database exists per connection, so its pool must be one connection.
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
  default Optional<String> connectionHint(SQLException e, ConnectionTarget target) {
    return Optional.empty();
  }

  /** Whether the database lives in this process (SQLite, DuckDB, H2). */
  default boolean isEmbedded() {
    return false;
  }

  // ---- SQL rendering ------------------------------------------------------------------------

  /** Quotes an identifier, doubling embedded quote characters. */
  String quote(String identifier);

  /** The quoted, schema-qualified name of a table. */
  default String tableName(Optional<String> schema, String name) {
    return schema.map(s -> quote(s) + "." + quote(name)).orElse(quote(name));
  }

  /**
   * Appends this dialect's paging clause. {@code hasOrderBy} tells dialects whose paging requires
   * an ORDER BY (SQL Server) whether to add a neutral one.
   */
  void appendLimitOffset(StringBuilder sql, long limit, long offset, boolean hasOrderBy);

  /**
   * A predicate that is true when {@code column} contains the bound pattern, ignoring case. The
   * parameter is bound to {@link #containsPattern(String)} of the user's text, so {@code %}, {@code
   * _} and the escape character match literally.
   */
  String containsIgnoreCase(String quotedColumn);

  /**
   * A predicate true when {@code column} equals the bound text under Unicode lowercase and nothing
   * else (accents, width and spaces still count): the comparison an ignore-case unique index makes,
   * and the one that index can serve.
   */
  default String equalsIgnoreCase(String quotedColumn) {
    return "LOWER(" + quotedColumn + ") = LOWER(?)";
  }

  /** The bind value for {@link #containsIgnoreCase}: the text escaped and wrapped in {@code %}. */
  default String containsPattern(String text) {
    return "%" + prefixPattern(text);
  }

  /**
   * A predicate true when {@code column} starts with the bound pattern, ignoring case as {@link
   * #containsIgnoreCase} does (issue 21); bound to {@link #prefixPattern}. The same predicate as
   * the search, so the index that serves the search serves the prefix: PostgreSQL's trigram index
   * on the column; none on MySQL, MariaDB and SQLite, which fold both sides.
   */
  default String startsWithIgnoreCase(String quotedColumn) {
    return containsIgnoreCase(quotedColumn);
  }

  /** The bind value for {@link #startsWithIgnoreCase}: the text escaped, then {@code %}. */
  default String prefixPattern(String text) {
    StringBuilder out = new StringBuilder(text.length() + 2);
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

  /**
   * One ORDER BY term for {@code expression}, with NULLs sorting as larger than any value: last
   * ascending, first descending, on every dialect (PostgreSQL's default; issue 16). Each dialect
   * renders it in its own syntax ({@code NULLS LAST}, or a leading {@code IS NULL} key where there
   * is no such clause); a column that cannot be null gets the plain term, which any index on it can
   * serve.
   */
  default String orderTerm(String expression, boolean descending, boolean nullable) {
    if (!nullable) {
      return expression + (descending ? " DESC" : " ASC");
    }
    return expression + (descending ? " DESC NULLS FIRST" : " ASC NULLS LAST");
  }

  /**
   * Whether each new connection must be set up by {@link #initializeConnection} before use (SQLite
   * registers the Unicode case-folding function its ignore-case indexes and searches call). The
   * pool then opens connections through it.
   */
  default boolean initializesConnections() {
    return false;
  }

  /** Sets up a new physical connection; see {@link #initializesConnections()}. */
  default void initializeConnection(Connection connection) throws SQLException {}

  /** Whether INSERT/UPDATE can return columns in the same statement ({@code RETURNING}). */
  boolean supportsReturning();

  /**
   * Whether the driver can mark a pooled connection read-only for a read-only transaction. Embedded
   * drivers fix that when the database opens, so there the flag is not set and read-only
   * transactions are read-only by convention only.
   */
  default boolean supportsReadOnlyConnections() {
    return !isEmbedded();
  }

  /**
   * Starts a transaction on a pooled connection: auto-commit off, so the next statement opens it.
   * SQLite overrides this to take its write lock at the start of a read-write transaction, because
   * a transaction that read first cannot upgrade to writing while another connection writes (issue
   * 16).
   */
  default void startTransaction(Connection c, boolean readOnly) throws SQLException {
    c.setAutoCommit(false);
  }

  /**
   * Whether the database refuses a second row with the same primary key or unique value. Snowflake
   * does not: its key and unique constraints are informational, so anything that relies on a key to
   * let only one of two racing inserts win (idempotency keys, issue 18) cannot work there.
   */
  default boolean enforcesUniqueConstraints() {
    return true;
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
   * Whether {@link #statementTimeoutStatements} limit every kind of statement. MySQL's {@code
   * max_execution_time} covers SELECT only, so there JDBC's query timeout limits the rest.
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

  // ---- values, statements, errors -----------------------------------------------------------

  /**
   * Binds a canonical value ({@code String} for text, enum and JSON; {@code Long} for BIGINT;
   * {@code Instant} for TIMESTAMP_TZ; see {@code sql.model.ColumnType.Kind}) or NULL.
   */
  void bind(PreparedStatement ps, int index, Object value, ColumnType type) throws SQLException;

  /** Reads a column as its canonical value, or null. */
  Object read(ResultSet rs, int index, ColumnType type) throws SQLException;

  /**
   * Reads a column for a field that holds its type's zero (0, false) for NULL anyway, such as a
   * primitive record component: as {@link #read}, except that a primitive kind may answer its zero
   * instead of null, which spares the driver a {@code wasNull()} call per value.
   */
  default Object readZeroForNull(ResultSet rs, int index, ColumnType type) throws SQLException {
    return read(rs, index, type);
  }

  /**
   * What a failure means, by SQLState and vendor code, from a commented table in each dialect; with
   * the constraint and column when the driver tells.
   */
  ClassifiedError classify(SQLException e);

  /**
   * Whether {@code constraint}, named by a unique violation, is the primary key of {@code table}:
   * by default the name the DDL of this package gives it ({@code pk_<table>}); MySQL and MariaDB
   * always call it {@code PRIMARY}, PostgreSQL names an unnamed one {@code <table>_pkey}.
   */
  default boolean isPrimaryKeyName(String constraint, String table) {
    return constraint.equalsIgnoreCase("pk_" + table);
  }

  /**
   * How a backup of this database is restore-tested in a scratch copy, or empty where that is not
   * offered: MySQL and MariaDB dumps would need their client tools and a scratch schema, DuckDB and
   * H2 have no backup format of their own, SQL Server and Snowflake back up on the server side.
   */
  default Optional<BackupRestore> backupRestore() {
    return Optional.empty();
  }

  /**
   * {@code INSERT INTO table (columns) VALUES (?, ...)}, returning {@code returning} (already
   * quoted) in the same statement when {@link #supportsReturning()}; otherwise {@code returning} is
   * ignored.
   */
  default String insertStatement(String table, List<String> quotedColumns, List<String> returning) {
    StringBuilder sql =
        new StringBuilder("INSERT INTO ")
            .append(table)
            .append(" (")
            .append(String.join(", ", quotedColumns))
            .append(") VALUES (");
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
   * {@code UPDATE table SET set WHERE where}, returning {@code returning} when {@link
   * #supportsReturning()}.
   */
  default String updateStatement(String table, String set, String where, List<String> returning) {
    StringBuilder sql =
        new StringBuilder("UPDATE ")
            .append(table)
            .append(" SET ")
            .append(set)
            .append(" WHERE ")
            .append(where);
    if (supportsReturning() && !returning.isEmpty()) {
      sql.append(" RETURNING ").append(String.join(", ", returning));
    }
    return sql.toString();
  }

  /**
   * {@code SELECT columns FROM table WHERE where} that reads the latest committed state of the rows
   * and keeps other transactions from changing them until this one ends: the read half of a
   * conditional write, so the compare and the write that follows are one atomic step (issue 16,
   * lost updates). Default: {@code ... FOR UPDATE} (PostgreSQL, MySQL, MariaDB, H2).
   */
  default String selectForUpdate(String table, String columns, String where) {
    return "SELECT " + columns + " FROM " + table + " WHERE " + where + " FOR UPDATE";
  }

  /** A statement that answers one row when the connection works. */
  default String pingQuery() {
    return "SELECT 1";
  }

  /**
   * Whether a failed attempt to connect was refused because the server has no connection slot free
   * (PostgreSQL 53300, MySQL and MariaDB 1040). The pool then retries at a gentler pace than after
   * a refused or lost connection: every attempt costs a full server that is already at its limit a
   * little more.
   */
  default boolean refusedForConnectionLimit(SQLException e) {
    return false;
  }

  /**
   * A query answering one row with one text column: why the server refuses writes ("in recovery",
   * "read_only is on"), or SQL NULL when it accepts them. Readiness runs it on the primary pool, so
   * a service connected to a standby reports itself unhealthy instead of ready (issue 18). Empty
   * when the database has no such state (SQLite, DuckDB, H2) or no portable way to ask.
   */
  default Optional<String> refusesWritesQuery() {
    return Optional.empty();
  }

  /**
   * How this database reports replication on a read replica (receiving, replaying, lag), or empty
   * when the dialect has no way to ask: replicas are then only pinged and their lag is unknown.
   * SQLite, DuckDB and H2 have no replicas; SQL Server and Snowflake replicas are not measured yet.
   */
  default Optional<ReplicationProbe> replicationProbe() {
    return Optional.empty();
  }

  /**
   * The SQL of read-your-writes consistency tokens (issue 20): the primary's replication position
   * after a commit, and whether a replica has applied it. Empty where the database has no replicas
   * to read from (SQLite, DuckDB, H2) or no position a client can wait for (SQL Server, Snowflake):
   * no token is issued, and a read given one runs on the primary.
   */
  default Optional<ReplicaPositions> replicaPositions() {
    return Optional.empty();
  }
}
