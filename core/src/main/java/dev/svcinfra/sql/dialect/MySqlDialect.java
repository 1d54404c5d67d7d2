package dev.svcinfra.sql.dialect;

import dev.svcinfra.config.DatabaseUrl;
import dev.svcinfra.config.internal.TlsSettings;
import dev.svcinfra.sql.dialect.internal.ClassifiedError;
import dev.svcinfra.sql.dialect.internal.ConnectionOptions;
import dev.svcinfra.sql.dialect.internal.ConnectionTarget;
import dev.svcinfra.sql.dialect.internal.MigrationLock;
import dev.svcinfra.sql.dialect.internal.ReplicaPositions;
import dev.svcinfra.sql.dialect.internal.ReplicationProbe;
import dev.svcinfra.sql.dialect.internal.RowEstimate;
import dev.svcinfra.sql.dialect.internal.SqlSyntax;
import dev.svcinfra.sql.model.ColumnType;
import dev.svcinfra.sql.model.internal.Column;
import dev.svcinfra.sql.model.internal.ForeignKey;
import dev.svcinfra.sql.model.internal.Index;
import dev.svcinfra.sql.model.internal.Table;
import dev.svcinfra.sql.model.internal.UniqueConstraint;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * MySQL through MySQL Connector/J.
 *
 * <p>TLS: {@code sslMode} (Connector/J's {@code DISABLED}, {@code PREFERRED}, {@code REQUIRED},
 * {@code VERIFY_CA}, {@code VERIFY_IDENTITY}); the libpq spellings {@code sslmode=disable|prefer|
 * require|verify-ca|verify-full}, {@code ssl-mode}, {@code ssl_mode} and {@code ssl=true} are
 * translated. Without any of them the driver's default applies ({@code PREFERRED}). {@code
 * DB_SSLMODE_DEFAULT} is PostgreSQL-only. A Unix-socket host connects through junixsocket ({@code
 * com.kohlschutter.junixsocket:junixsocket-mysql}).
 *
 * <p>DDL is not transactional: each statement commits on its own. Statement timeouts use the
 * session variable {@code max_execution_time}, which MySQL applies to {@code SELECT} only, and are
 * reset after the transaction.
 *
 * @since 0.1
 */
class MySqlDialect extends StandardDialect {
  static final int DEFAULT_PORT = 3306;

  MySqlDialect() {
    this("mysql", Set.of("mysql"));
  }

  MySqlDialect(String name, Set<String> schemes) {
    super(name, schemes);
  }

  @Override
  public String driverClassName() {
    return "com.mysql.cj.jdbc.Driver";
  }

  @Override
  public String driverArtifact() {
    return "com.mysql:mysql-connector-j";
  }

  /** The JDBC URL prefix of this dialect's driver. */
  String jdbcPrefix() {
    return "jdbc:mysql:";
  }

  @Override
  public String socketParameter() {
    return "unix_socket";
  }

  @Override
  public ConnectionTarget connectionTarget(DatabaseUrl url, ConnectionOptions options) {
    return connectionTarget(url, options, MySqlDriverChoice::loadable);
  }

  /**
   * The connection for {@code url}: through Connector/J, or through MariaDB Connector/J when only
   * that driver is present ({@link MySqlDriverChoice}); {@code loadable} says which drivers are.
   */
  ConnectionTarget connectionTarget(
      DatabaseUrl url, ConnectionOptions options, Predicate<String> loadable) {
    if (this != Dialects.MARIADB && MySqlDriverChoice.throughMariaDb(loadable)) {
      return ((MySqlDialect) Dialects.MARIADB).driverTarget(url, options);
    }
    return driverTarget(url, options);
  }

  /** The connection for {@code url} through this dialect's own driver. */
  ConnectionTarget driverTarget(DatabaseUrl url, ConnectionOptions options) {
    return MySqlConnections.target(this, url, options);
  }

  /** The driver's high-availability mode, as {@link MySqlHostSelection#mysql} chooses it. */
  String hostMode(Map<String, String> query, int hostCount) {
    return MySqlHostSelection.mysql(query, hostCount);
  }

  /**
   * Adds {@code STRICT_ALL_TABLES} to the session's {@code sql_mode}, whatever the server's default
   * or the URL's {@code sessionVariables} set (their other modes are kept): a value too long, too
   * large or of the wrong form for its column is then an error on every table instead of a warning
   * beside a clamped or truncated value (issue 16). It runs after the driver has applied {@code
   * sessionVariables}, so it also holds when those set {@code sql_mode}.
   */
  static final String STRICT_SESSION =
      "SET SESSION sql_mode = CONCAT_WS(',', NULLIF(@@SESSION.sql_mode, ''), 'STRICT_ALL_TABLES')";

  /** Every new connection is made strict ({@link #STRICT_SESSION}) before the pool lends it. */
  @Override
  public boolean initializesConnections() {
    return true;
  }

  @Override
  public void initializeConnection(Connection connection) throws SQLException {
    try (Statement st = connection.createStatement()) {
      st.execute(STRICT_SESSION);
    }
  }

  /** {@code 1040 ER_CON_COUNT_ERROR}: {@code max_connections} reached. */
  @Override
  public boolean refusedForConnectionLimit(SQLException e) {
    return e.getErrorCode() == 1040;
  }

  /** {@code SHOW REPLICA STATUS}: the IO and SQL threads and {@code Seconds_Behind_Source}. */
  @Override
  public Optional<ReplicationProbe> replicationProbe() {
    return Optional.of(MySqlReplication.mysql());
  }

  /** A replica or a demoted primary: {@code read_only} (which {@code super_read_only} implies). */
  @Override
  public Optional<String> refusesWritesQuery() {
    return Optional.of(
        "SELECT CASE WHEN @@global.read_only = 1"
            + " THEN 'the server is read-only (read_only is on)' END");
  }

  /** GTID positions; a server without GTID mode issues no token (an empty executed set). */
  @Override
  public Optional<ReplicaPositions> replicaPositions() {
    return Optional.of(ReplicaPositions.mysql());
  }

  /**
   * MySQL and MariaDB read {@code \'} inside a literal as a quote (issue 16), {@code #} as a
   * comment, {@code /*! .. *}{@code /} as code, and scripts may change the terminator with {@code
   * DELIMITER}.
   */
  @Override
  public SqlSyntax sqlSyntax() {
    return SqlSyntax.MYSQL;
  }

  /** Translates a libpq-style or driver-style TLS mode into this driver's {@code sslMode}. */
  String driverSslMode(String mode) {
    String upper = mode.toUpperCase(Locale.ROOT).replace('-', '_');
    if (List.of("DISABLED", "PREFERRED", "REQUIRED", "VERIFY_CA", "VERIFY_IDENTITY")
        .contains(upper)) {
      return upper;
    }
    return switch (TlsSettings.checkMode("sslmode", mode)) {
      case "disable" -> "DISABLED";
      case "allow", "prefer" -> "PREFERRED";
      case "require" -> "REQUIRED";
      case "verify-ca" -> "VERIFY_CA";
      default -> "VERIFY_IDENTITY";
    };
  }

  void addSocket(Map<String, String> query, String path) {
    query.put("socketFactory", "org.newsclub.net.mysql.AFUNIXDatabaseSocketFactoryCJ");
    query.put("junixsocket.file", path);
  }

  @Override
  public String quote(String identifier) {
    return '`' + identifier.replace("`", "``") + '`';
  }

  /**
   * MySQL and MariaDB sort NULLs as smaller than any value and have no {@code NULLS LAST}: a
   * leading {@code (x IS NULL)} key (0 or 1) puts them last ascending and first descending.
   */
  @Override
  public String orderTerm(String expression, boolean descending, boolean nullable) {
    String direction = descending ? " DESC" : " ASC";
    if (!nullable) {
      return expression + direction;
    }
    return "(" + expression + " IS NULL)" + direction + ", " + expression + direction;
  }

  @Override
  public boolean supportsTransactionalDdl() {
    return false;
  }

  @Override
  public List<String> statementTimeoutStatements(Duration timeout) {
    return List.of("SET SESSION max_execution_time = " + timeout.toMillis());
  }

  @Override
  public boolean statementTimeoutCoversWrites() {
    return false;
  }

  @Override
  public List<String> statementTimeoutResetStatements() {
    return List.of("SET SESSION max_execution_time = DEFAULT");
  }

  /** {@code GET_LOCK}: a named lock the server releases when the lock's connection ends. */
  @Override
  public MigrationLock migrationLock() {
    return SessionLock.mysql();
  }

  /** MySQL has no transactional DDL, so an offline script opens no transactions. */
  @Override
  public String beginTransaction() {
    return "";
  }

  /** {@code TIMESTAMP} has legacy automatic defaults in MySQL; {@code DATETIME(3)} has none. */
  @Override
  String timestampType() {
    return "DATETIME(3)";
  }

  /** Backslash escapes a quote in MySQL string literals unless NO_BACKSLASH_ESCAPES is set. */
  @Override
  public String stringLiteral(String value) {
    return "'" + value.replace("\\", "\\\\").replace("'", "''") + "'";
  }

  // ---- DDL: MySQL and MariaDB types, AUTO_INCREMENT, inline comments -----------------------

  @Override
  public String columnTypeSql(ColumnType type) {
    return switch (type.kind()) {
      case TEXT -> "LONGTEXT";
      case DECIMAL -> "DECIMAL(" + type.precision() + ", " + type.scale() + ")";
      case REAL -> "FLOAT";
      case DOUBLE -> "DOUBLE";
      case UUID -> "CHAR(36)";
      case TIME -> "TIME(6)";
      // DATETIME keeps what it is given; TIMESTAMP would convert through the session time zone.
      // Zoned values are stored in UTC.
      case TIMESTAMP, TIMESTAMP_TZ -> "DATETIME(6)";
      case BINARY -> type.length() > 0 ? "VARBINARY(" + type.length() + ")" : "LONGBLOB";
      default -> super.columnTypeSql(type);
    };
  }

  @Override
  String identityClause(Table table, Column c) {
    return " AUTO_INCREMENT";
  }

  /**
   * Every text column (strings, long text, enums, UUIDs kept as {@code CHAR(36)}) is {@code
   * utf8mb4} with a binary, NO PAD collation, whatever the server's or the table's default: the
   * defaults ({@code utf8mb4_general_ci}, {@code utf8mb4_0900_ai_ci}) ignore case and accents, and
   * PAD SPACE collations ignore trailing spaces, so a tenant {@code acme} would match {@code ACME},
   * {@code ácme} and {@code acme } (issue 16). All text columns rather than the ones that look like
   * identifiers: a scope, a unique key or a cursor may compare any column, and PostgreSQL, SQLite
   * and DuckDB compare every column exactly. Case-insensitive rules come only from explicit folding
   * ({@code lower()} in ignore-case indexes and searches).
   */
  @Override
  String collationClause(ColumnType type) {
    return switch (type.kind()) {
      case STRING, TEXT, ENUM, UUID -> " CHARACTER SET utf8mb4 COLLATE " + binaryCollation();
      default -> "";
    };
  }

  /** Text columns in another collation than {@link #binaryCollation()}. */
  @Override
  public Set<String> columnsToRecollate(Connection c, String schema, Table reflected)
      throws SQLException {
    return TextCollations.otherThan(
        c, schema, reflected, binaryCollation(), col -> !collationClause(col.type()).isEmpty());
  }

  /** The binary NO PAD collation of utf8mb4: {@code utf8mb4_0900_bin} in MySQL 8.0.17+. */
  String binaryCollation() {
    return "utf8mb4_0900_bin";
  }

  @Override
  String inlineColumnComment(String text) {
    return " COMMENT " + literal(text);
  }

  @Override
  String tableSuffix(Table table) {
    return table.comment().map(c -> " COMMENT=" + literal(c)).orElse("");
  }

  @Override
  List<String> commentStatements(Table table) {
    return List.of();
  }

  @Override
  public String dropIndexStatement(Table table, Index index) {
    return dropIndexOnTable(table, index);
  }

  /** A functional key part (MySQL 8.0.13+): the expression in its own parentheses. */
  @Override
  String ignoreCaseKey(Table table, Index index, String column) {
    return "(lower(" + quote(column) + "))";
  }

  /**
   * MySQL has no partial indexes. A live-rows-only index has one functional key part per column
   * instead, {@code (IF(`deleted_at` IS NULL, `email`, NULL))}: MySQL keeps it in a hidden virtual
   * generated column, and NULL keys never collide in a unique index, so deleted rows drop out of it
   * (issue 21). MariaDB, which has no functional key parts, overrides {@link #createIndexStatement}
   * with the same expression in an invisible virtual column.
   */
  @Override
  String indexKeys(Table table, Index index) {
    if (index.whereNull().isEmpty()) {
      return super.indexKeys(table, index);
    }
    String deleted = quote(index.whereNull().get());
    return index.columns().stream()
        .map(
            c ->
                "(IF("
                    + deleted
                    + " IS NULL, "
                    + (index.ignoreCase() ? "lower(" + quote(c) + ")" : quote(c))
                    + ", NULL))")
        .collect(Collectors.joining(", "));
  }

  /** No WHERE clause: the key parts leave deleted rows out ({@link #indexKeys}). */
  @Override
  String liveRowsClause(Table table, Index index) {
    return "";
  }

  // ---- values and errors ---------------------------------------------------------------------

  @Override
  void bindUuid(PreparedStatement ps, int index, UUID value) throws SQLException {
    ps.setString(index, value.toString());
  }

  /** Zoned values are stored in UTC in a DATETIME column. */
  @Override
  void bindInstant(PreparedStatement ps, int index, Instant value) throws SQLException {
    ps.setObject(index, LocalDateTime.ofInstant(value, ZoneOffset.UTC));
  }

  @Override
  Object readInstant(ResultSet rs, int index) throws SQLException {
    LocalDateTime v = rs.getObject(index, LocalDateTime.class);
    return v == null ? null : v.toInstant(ZoneOffset.UTC);
  }

  /** The table of server error numbers in {@link MySqlErrors}; SQLState otherwise. */
  @Override
  public ClassifiedError classify(SQLException e) {
    return MySqlErrors.classify(e).orElseGet(() -> super.classify(e));
  }

  /** MySQL and MariaDB call every primary key {@code PRIMARY}, whatever the DDL named it. */
  @Override
  public boolean isPrimaryKeyName(String constraint, String table) {
    return constraint.equalsIgnoreCase("PRIMARY") || super.isPrimaryKeyName(constraint, table);
  }

  // ---- reflection clean-up for autogenerate: MySqlReflection ---------------------------------

  /**
   * InnoDB creates an index for a foreign key whose columns no index covers yet, named after the
   * constraint; the models declare the foreign key, not that index, so it is left out. An index of
   * another name or on other columns is kept. Functional key parts are read again ({@link
   * MySqlReflection}).
   */
  @Override
  public Table cleanReflectedTable(Connection c, String schema, Table table) throws SQLException {
    return MySqlReflection.clean(c, schema, table, this);
  }

  /** DECIMAL defaults that are plain numbers compare by value ({@link MySqlReflection}). */
  @Override
  public boolean sameDefault(ColumnType type, String model, String reflected) {
    return MySqlReflection.sameDefault(type, model, reflected);
  }

  // ---- schema changes: MODIFY COLUMN restates the whole column ------------------------------

  @Override
  public List<String> alterColumnStatements(Table table, Column from, Column to) {
    return List.of(alterTable(table) + " MODIFY COLUMN " + columnDefinition(table, to));
  }

  /** A MySQL unique constraint is an index. */
  @Override
  public List<String> dropUniqueStatements(Table table, UniqueConstraint unique) {
    return List.of(alterTable(table) + " DROP INDEX " + quote(unique.name()));
  }

  @Override
  public List<String> dropForeignKeyStatements(Table table, ForeignKey foreignKey) {
    return List.of(alterTable(table) + " DROP FOREIGN KEY " + quote(foreignKey.name()));
  }

  @Override
  public Optional<RowEstimate> rowEstimate() {
    return Optional.of(RowEstimates.MYSQL);
  }
}
