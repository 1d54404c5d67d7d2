package dev.svcinfra.sql.dialect;

import dev.svcinfra.config.DatabaseUrl;
import dev.svcinfra.sql.dialect.internal.BackupRestore;
import dev.svcinfra.sql.dialect.internal.ClassifiedError;
import dev.svcinfra.sql.dialect.internal.ConnectionOptions;
import dev.svcinfra.sql.dialect.internal.ConnectionTarget;
import dev.svcinfra.sql.dialect.internal.MigrationLock;
import dev.svcinfra.sql.dialect.internal.ReplicaPositions;
import dev.svcinfra.sql.dialect.internal.ReplicationProbe;
import dev.svcinfra.sql.dialect.internal.RowEstimate;
import dev.svcinfra.sql.dialect.internal.SqlErrorKind;
import dev.svcinfra.sql.dialect.internal.SqlSyntax;
import dev.svcinfra.sql.model.ColumnType;
import dev.svcinfra.sql.model.internal.Index;
import dev.svcinfra.sql.model.internal.Table;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * PostgreSQL through pgjdbc.
 *
 * <p>TLS: the URL's {@code sslmode} (or {@code ssl=true}, as asyncpg writes it) wins, then {@code
 * PGSSLMODE}, then {@code DB_SSLMODE_DEFAULT}, then {@code require}. libpq parameter names are
 * translated ({@code connect_timeout} to {@code connectTimeout}, {@code application_name} to {@code
 * ApplicationName}). A Unix-socket host ({@code ?host=/var/run/postgresql} or {@code
 * DB_HOST=/var/run/postgresql}) connects through junixsocket, which must be on the classpath
 * ({@code com.kohlschutter.junixsocket:junixsocket-core}).
 *
 * <p>Several hosts ({@code h1:5432,h2:5432}) and libpq's {@code target_session_attrs} select the
 * server as {@link PostgresHostSelection} describes. {@code socketTimeout} defaults to {@code
 * DB_SOCKET_TIMEOUT} and {@code tcpKeepAlive} to true.
 *
 * <p>Behind a transaction pooler ({@code DB_POOLER=transaction} or {@code pgbouncer=true}) the
 * driver gets {@code prepareThreshold=0} unless the URL sets it: pgjdbc then never creates named
 * server-side prepared statements, which would outlive the transaction on a pooled server session.
 *
 * <p>Statement timeouts are set with {@code set_config('statement_timeout', .., true)}, which is
 * scoped to the transaction; {@code SET LOCAL} cannot take a bind parameter.
 *
 * @since 0.1
 */
final class PostgresDialect extends StandardDialect {
  private static final ReplicationProbe REPLICATION = new PostgresReplication();

  static final int DEFAULT_PORT = 5432;

  PostgresDialect() {
    super("postgresql", Set.of("postgresql", "postgres", "pgsql", "psql"));
  }

  @Override
  public String driverClassName() {
    return "org.postgresql.Driver";
  }

  @Override
  public String driverArtifact() {
    return "org.postgresql:postgresql";
  }

  @Override
  public ConnectionTarget connectionTarget(DatabaseUrl url, ConnectionOptions options) {
    return PostgresConnections.target(url, options, driverClassName());
  }

  /**
   * SQLState 08004 (connection rejected) with TLS required usually means the server has TLS
   * switched off; say which setting turns TLS off for a local server.
   */
  @Override
  public Optional<String> connectionHint(SQLException e, ConnectionTarget target) {
    boolean tlsRequired =
        target.jdbcUrl().matches(".*[?&]sslmode=(require|verify-ca|verify-full).*");
    if ("08004".equals(e.getSQLState()) && tlsRequired) {
      return Optional.of(
          "the connection requires TLS (sslmode) but the server refused it; "
              + "for a local server without TLS set sslmode=disable in the URL or "
              + "DB_SSLMODE_DEFAULT=disable");
    }
    return Optional.empty();
  }

  /** ILIKE on the bare column, so the trigram index ({@code gin_trgm_ops}) serves the search. */
  @Override
  boolean hasIlike() {
    return true;
  }

  /**
   * PostgreSQL's own default is the library's NULL order (last ascending, first descending), so the
   * terms stay plain and match a plain index in either direction.
   */
  @Override
  public String orderTerm(String expression, boolean descending, boolean nullable) {
    return expression + (descending ? " DESC" : " ASC");
  }

  @Override
  public boolean supportsReturning() {
    return true;
  }

  /** Streaming replication: WAL positions, the WAL receiver and replay pause (issue 20). */
  @Override
  public Optional<ReplicationProbe> replicationProbe() {
    return Optional.of(REPLICATION);
  }

  @Override
  public Optional<ReplicaPositions> replicaPositions() {
    return Optional.of(ReplicaPositions.postgres());
  }

  /** {@code 53300 too_many_connections}: {@code max_connections} reached. */
  @Override
  public boolean refusedForConnectionLimit(SQLException e) {
    return "53300".equals(e.getSQLState());
  }

  /**
   * A standby (in recovery) or a server whose sessions default to read-only ({@code
   * default_transaction_read_only}, as some failover tools set on a demoted primary).
   */
  @Override
  public Optional<String> refusesWritesQuery() {
    return Optional.of(
        "SELECT CASE WHEN pg_is_in_recovery() THEN 'the server is in recovery (a standby)'"
            + " WHEN current_setting('transaction_read_only') = 'on'"
            + " THEN 'the server makes sessions read-only (default_transaction_read_only)' END");
  }

  @Override
  public List<String> statementTimeoutStatements(Duration timeout) {
    return List.of("SELECT set_config('statement_timeout', '" + timeout.toMillis() + "', true)");
  }

  /** After an error PostgreSQL refuses every statement of the transaction until ROLLBACK. */
  @Override
  public boolean failedStatementAbortsTransaction() {
    return true;
  }

  /** A session advisory lock; the server releases it when the lock's connection ends. */
  @Override
  public MigrationLock migrationLock() {
    return SessionLock.postgres();
  }

  @Override
  public boolean supportsConcurrentIndexBuild() {
    return true;
  }

  /** {@code client_connection_check_interval} exists from PostgreSQL 14. */
  @Override
  public List<String> migrationSessionStatements(int serverMajorVersion) {
    return serverMajorVersion >= 14
        ? List.of("SET client_connection_check_interval = 1000")
        : List.of();
  }

  @Override
  public List<String> migrationSessionResetStatements(int serverMajorVersion) {
    return serverMajorVersion >= 14 ? List.of("RESET client_connection_check_interval") : List.of();
  }

  @Override
  public String columnTypeSql(ColumnType type) {
    return switch (type.kind()) {
      case BINARY -> "BYTEA";
      case JSON -> "JSONB";
      default -> super.columnTypeSql(type);
    };
  }

  // ---- indexes and reflection clean-up for autogenerate ----------------------------------

  /** PostgreSQL builds every kind of index the models have, trigram indexes included. */
  @Override
  public boolean buildsIndex(Index index) {
    return true;
  }

  /**
   * {@code CREATE INDEX .. USING gin ("name" gin_trgm_ops)}, one operator class per column; the
   * class comes from {@code pg_trgm} ({@link #indexExtensions}), found through the search path.
   */
  @Override
  String trigramIndexStatement(Table table, Index index) {
    return "CREATE INDEX "
        + quote(index.name())
        + " ON "
        + tableName(table.schema(), table.name())
        + " USING gin ("
        + index.columns().stream()
            .map(c -> quote(c) + " " + PostgresIndexes.TRIGRAM_OPCLASS)
            .collect(Collectors.joining(", "))
        + ")";
  }

  /** A reflected index the models cannot express is created again from its own definition. */
  @Override
  public String createIndexStatement(Table table, Index index) {
    return PostgresIndexes.definition(index)
        .map(
            d ->
                "CREATE "
                    + (index.unique() ? "UNIQUE " : "")
                    + "INDEX "
                    + quote(index.name())
                    + " ON "
                    + tableName(table.schema(), table.name())
                    + " "
                    + d)
        .orElseGet(() -> super.createIndexStatement(table, index));
  }

  @Override
  public Set<String> indexExtensions(Index index) {
    return index.trigram() ? Set.of(PostgresIndexes.TRIGRAM_EXTENSION) : Set.of();
  }

  @Override
  public Set<String> installedExtensions(Connection c) throws SQLException {
    Set<String> out = new TreeSet<>();
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT extname FROM pg_extension")) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  /**
   * {@code CREATE EXTENSION IF NOT EXISTS pg_trgm}. The server checks for the extension before the
   * privilege to create it, so a database where an administrator installed it runs this as any
   * user; otherwise it takes a superuser or, for a trusted extension such as {@code pg_trgm}
   * (PostgreSQL 13+), the CREATE privilege on the database.
   */
  @Override
  public List<String> createExtensionStatements(String extension) {
    String name = extension.matches("[a-z_][a-z0-9_]*") ? extension : quote(extension);
    return List.of("CREATE EXTENSION IF NOT EXISTS " + name);
  }

  /**
   * pgjdbc reports an expression key part as its definition ({@code lower((email)::text)}); an
   * index over {@code lower(column)} parts is the models' ignore-case index. Other expressions stay
   * as reported, so they remain differences. The catalog tells GIN trigram indexes and indexes the
   * models cannot express (other access methods, operator classes, predicates), which pgjdbc
   * reports as plain ones ({@link PostgresIndexes}).
   */
  @Override
  public Table cleanReflectedTable(Connection c, String schema, Table table) throws SQLException {
    return PostgresIndexes.clean(c, schema, table);
  }

  /** The catalog, TOAST and temporary-table schemas, besides {@code information_schema}. */
  @Override
  public boolean isSystemTable(String schema, String table) {
    return super.isSystemTable(schema, table)
        || (schema != null
            && (schema.equals("pg_catalog")
                || schema.startsWith("pg_toast")
                || schema.startsWith("pg_temp")));
  }

  /** Also {@code <table>_pkey}, the name PostgreSQL gives a primary key declared without one. */
  @Override
  public boolean isPrimaryKeyName(String constraint, String table) {
    return super.isPrimaryKeyName(constraint, table)
        || constraint.equalsIgnoreCase(table + "_pkey");
  }

  /** {@code pg_restore} (custom format) or {@code psql} (plain SQL) into a new database. */
  @Override
  public Optional<BackupRestore> backupRestore() {
    return Optional.of(BackupRestore.POSTGRES_CLIENT_TOOLS);
  }

  // ---- values and errors ---------------------------------------------------------------------

  /** Bound as an untyped parameter so the server casts the text to its JSONB column type. */
  @Override
  void bindJson(PreparedStatement ps, int index, String json) throws SQLException {
    ps.setObject(index, json, Types.OTHER);
  }

  /**
   * A NULL for a JSONB column is untyped for the same reason: a VARCHAR NULL does not cast to JSONB
   * (SQLState 42804), so setting a JSON field to null failed.
   */
  @Override
  int sqlType(ColumnType type) {
    return type.kind() == ColumnType.Kind.JSON ? Types.OTHER : super.sqlType(type);
  }

  /**
   * SQLStates by which the server ends or refuses a session (issue 16: a terminated backend was a
   * 500): the data layer answers "unavailable" (HTTP 503 with {@code Retry-After}) and the pool
   * discards the connection. Class 08 (connection exceptions, pgjdbc's own I/O failures) is covered
   * by the standard table.
   *
   * <pre>
   * 57P01 admin_shutdown       pg_terminate_backend, or a fast/smart server shutdown
   * 57P02 crash_shutdown       another backend crashed; the server resets every session
   * 57P03 cannot_connect_now   the server is starting, stopping or in recovery
   * 57P04 database_dropped     the session's database was dropped
   * 57P05 idle_session_timeout the session sat idle past idle_session_timeout (PostgreSQL 14+)
   * 25P03 idle_in_transaction_session_timeout   the session was ended while idle in a transaction
   * 53300 too_many_connections no connection slot is free
   * </pre>
   */
  private static final Set<String> SESSION_LOST =
      Set.of("57P01", "57P02", "57P03", "57P04", "57P05", "25P03", "53300");

  /**
   * Standard SQLStates (see {@code StandardValues}: 23505 unique, 23502 not null, 23503 foreign
   * key, 23514 check, 57014 query_canceled = statement_timeout, 40001/40P01 retryable, 25006 read
   * only); pgjdbc's server message names the constraint and the column.
   */
  @Override
  public ClassifiedError classify(SQLException e) {
    if (e.getSQLState() != null && SESSION_LOST.contains(e.getSQLState())) {
      return ClassifiedError.of(SqlErrorKind.CONNECTION_FAILURE);
    }
    ClassifiedError classified = super.classify(e);
    if (e.getClass().getName().startsWith("org.postgresql.")) {
      return PgServerDetails.addTo(classified, e);
    }
    return classified;
  }

  /** Touches pgjdbc classes only when the exception came from pgjdbc. */
  private static final class PgServerDetails {
    static ClassifiedError addTo(ClassifiedError c, SQLException e) {
      if (e instanceof org.postgresql.util.PSQLException p && p.getServerErrorMessage() != null) {
        return c.withConstraint(p.getServerErrorMessage().getConstraint())
            .withColumn(p.getServerErrorMessage().getColumn());
      }
      return c;
    }
  }

  /** Dollar-quoted bodies, {@code E'..'} escape strings and nested comments. */
  @Override
  public SqlSyntax sqlSyntax() {
    return SqlSyntax.POSTGRESQL;
  }

  @Override
  public Optional<RowEstimate> rowEstimate() {
    return Optional.of(RowEstimates.POSTGRES);
  }
}
