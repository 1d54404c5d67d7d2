package dev.svcinfra.sql.dialect;

import dev.svcinfra.sql.model.ForeignKey;
import dev.svcinfra.sql.model.UniqueConstraint;
import dev.svcinfra.config.DatabaseUrl;
import dev.svcinfra.config.TlsSettings;
import dev.svcinfra.sql.model.Column;
import dev.svcinfra.sql.model.ColumnType;
import dev.svcinfra.sql.model.Index;
import dev.svcinfra.sql.model.Table;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * MySQL through MySQL Connector/J.
 *
 * <p>TLS: {@code sslMode} (Connector/J's {@code DISABLED}, {@code PREFERRED}, {@code REQUIRED},
 * {@code VERIFY_CA}, {@code VERIFY_IDENTITY}); the libpq spellings {@code sslmode=disable|prefer|
 * require|verify-ca|verify-full}, {@code ssl-mode}, {@code ssl_mode} and {@code ssl=true} are
 * translated. Without any of them the driver's default applies ({@code PREFERRED}).
 * {@code DB_SSLMODE_DEFAULT} is PostgreSQL-only. A Unix-socket host connects through
 * junixsocket ({@code com.kohlschutter.junixsocket:junixsocket-mysql}).
 *
 * <p>DDL is not transactional: each statement commits on its own. Statement timeouts use the
 * session variable {@code max_execution_time}, which MySQL applies to {@code SELECT} only, and are
 * reset after the transaction.
 *
 * @since 0.1
 */
public class MySqlDialect extends StandardDialect {
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
    Map<String, String> query = queryWithUser(url);
    String mode = take(query, "sslmode", "ssl-mode", "ssl_mode");
    String ssl = take(query, "ssl", "useSSL");
    if (mode == null && ssl != null) {
      mode = Set.of("true", "1", "on", "yes").contains(ssl.toLowerCase(Locale.ROOT))
          ? "require" : "disable";
    }
    if (mode != null) {
      query.put("sslMode", driverSslMode(mode));
    }
    String connectTimeout = take(query, "connect_timeout");
    if (!containsKey(query, "connectTimeout")) {
      long ms = connectTimeout != null
          ? Long.parseLong(connectTimeout) * 1000 : options.timeouts().connect().toMillis();
      query.put("connectTimeout", String.valueOf(ms));
    }
    url.socket().ifPresent(path -> addSocket(query, path));
    Map<String, String> properties = passwordProperty(url);
    String jdbc = serverJdbcUrl(jdbcPrefix(), url, query, properties);
    return new ConnectionTarget(jdbc, driverClassName(), properties);
  }

  /**
   * Adds {@code STRICT_ALL_TABLES} to the session's {@code sql_mode}, whatever the server's
   * default or the URL's {@code sessionVariables} set (their other modes are kept): a value too
   * long, too large or of the wrong form for its column is then an error on every table instead
   * of a warning beside a clamped or truncated value (issue 16). It runs after the driver has
   * applied {@code sessionVariables}, so it also holds when those set {@code sql_mode}.
   */
  static final String STRICT_SESSION =
      "SET SESSION sql_mode = CONCAT_WS(',', NULLIF(@@SESSION.sql_mode, ''), 'STRICT_ALL_TABLES')";

  /** Every new connection is made strict ({@link #STRICT_SESSION}) before the pool lends it. */
  @Override
  public boolean initializesConnections() {
    return true;
  }

  @Override
  public void initializeConnection(java.sql.Connection connection) throws SQLException {
    try (java.sql.Statement st = connection.createStatement()) {
      st.execute(STRICT_SESSION);
    }
  }

  /** MySQL and MariaDB read {@code \'} inside a literal as a quote (issue 16). */
  @Override
  public boolean backslashEscapesInStrings() {
    return true;
  }

  /** Translates a libpq-style or driver-style TLS mode into this driver's {@code sslMode}. */
  String driverSslMode(String mode) {
    String upper = mode.toUpperCase(Locale.ROOT).replace('-', '_');
    if (List.of("DISABLED", "PREFERRED", "REQUIRED", "VERIFY_CA", "VERIFY_IDENTITY").contains(upper)) {
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

  static boolean containsKey(Map<String, String> query, String key) {
    return query.keySet().stream().anyMatch(k -> k.equalsIgnoreCase(key));
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
   * Every text column (strings, long text, enums, UUIDs kept as {@code CHAR(36)}) is
   * {@code utf8mb4} with a binary, NO PAD collation, whatever the server's or the table's
   * default: the defaults ({@code utf8mb4_general_ci}, {@code utf8mb4_0900_ai_ci}) ignore case
   * and accents, and PAD SPACE collations ignore trailing spaces, so a tenant {@code acme} would
   * match {@code ACME}, {@code ácme} and {@code acme } (issue 16). All text columns rather than
   * the ones that look like identifiers: a scope, a unique key or a cursor may compare any
   * column, and PostgreSQL, SQLite and DuckDB compare every column exactly. Case-insensitive
   * rules come only from explicit folding ({@code lower()} in ignore-case indexes and searches).
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
  public Set<String> columnsToRecollate(java.sql.Connection c, String schema, Table reflected)
      throws SQLException {
    return TextCollations.otherThan(c, schema, reflected, binaryCollation(),
        col -> !collationClause(col.type()).isEmpty());
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

  /**
   * MySQL and MariaDB server error numbers (both drivers report them as the vendor code).
   *
   * <pre>
   * 1062 ER_DUP_ENTRY, 1586 ER_DUP_ENTRY_WITH_KEY_NAME, 1169 ER_DUP_UNIQUE   unique
   * 1048 ER_BAD_NULL_ERROR, 1364 ER_NO_DEFAULT_FOR_FIELD                   not null
   * 1216/1452 ER_NO_REFERENCED_ROW(_2), 1217/1451 ER_ROW_IS_REFERENCED(_2)  foreign key
   * 3819 ER_CHECK_CONSTRAINT_VIOLATED (MySQL), 4025 ER_CONSTRAINT_FAILED (MariaDB)  check
   * 3024 ER_QUERY_TIMEOUT (max_execution_time), 1969 ER_STATEMENT_TIMEOUT (max_statement_time),
   * 1317 ER_QUERY_INTERRUPTED (JDBC query timeout)                          statement timeout
   * 1213 ER_LOCK_DEADLOCK, 1205 ER_LOCK_WAIT_TIMEOUT                        retryable
   * 1406 ER_DATA_TOO_LONG, 1264 ER_WARN_DATA_OUT_OF_RANGE, 1366 ER_TRUNCATED_WRONG_VALUE_FOR_FIELD,
   * 1292 ER_TRUNCATED_WRONG_VALUE, 1265 WARN_DATA_TRUNCATED (an error in strict mode, SQLState
   * 01000), 1690 ER_DATA_OUT_OF_RANGE                                      invalid value
   * 1792 ER_CANT_EXECUTE_IN_READ_ONLY_TRANSACTION                          read only
   * 1927 ER_CONNECTION_KILLED (MariaDB), 3169 ER_SESSION_WAS_KILLED (MySQL),
   * 1053 ER_SERVER_SHUTDOWN, 1152 ER_ABORTING_CONNECTION, 1040 ER_CON_COUNT_ERROR,
   * 1158-1161 ER_NET_READ_ERROR / _READ_INTERRUPTED / _ERROR_ON_WRITE / _WRITE_INTERRUPTED,
   * 4031 ER_CLIENT_INTERACTION_TIMEOUT (MySQL 8.0.24+),
   * 2002 CR_CONNECTION_ERROR, 2003 CR_CONN_HOST_ERROR, 2006 CR_SERVER_GONE_ERROR,
   * 2013 CR_SERVER_LOST, 2055 CR_SERVER_LOST_EXTENDED                      connection lost
   * </pre>
   *
   * A lost connection (issue 16) is "unavailable" to the data layer (HTTP 503 with
   * {@code Retry-After}) and the pool discards it; SQLState class 08 is covered as well.
   *
   * The server names the key and the column only inside its message ("for key 'uq_users_email'",
   * "Column 'email' cannot be null"); those names are read from it, the kind never is.
   */
  private static final Map<Integer, SqlErrorKind> VENDOR_CODES = Map.ofEntries(
      Map.entry(1062, SqlErrorKind.UNIQUE_VIOLATION),
      Map.entry(1586, SqlErrorKind.UNIQUE_VIOLATION),
      Map.entry(1169, SqlErrorKind.UNIQUE_VIOLATION),
      Map.entry(1048, SqlErrorKind.NOT_NULL_VIOLATION),
      Map.entry(1364, SqlErrorKind.NOT_NULL_VIOLATION),
      Map.entry(1216, SqlErrorKind.FOREIGN_KEY_VIOLATION),
      Map.entry(1217, SqlErrorKind.FOREIGN_KEY_VIOLATION),
      Map.entry(1451, SqlErrorKind.FOREIGN_KEY_VIOLATION),
      Map.entry(1452, SqlErrorKind.FOREIGN_KEY_VIOLATION),
      Map.entry(3819, SqlErrorKind.CHECK_VIOLATION),
      Map.entry(4025, SqlErrorKind.CHECK_VIOLATION),
      Map.entry(3024, SqlErrorKind.STATEMENT_TIMEOUT),
      Map.entry(1969, SqlErrorKind.STATEMENT_TIMEOUT),
      Map.entry(1317, SqlErrorKind.STATEMENT_TIMEOUT),
      Map.entry(1213, SqlErrorKind.TRANSIENT_CONFLICT),
      Map.entry(1205, SqlErrorKind.TRANSIENT_CONFLICT),
      Map.entry(1406, SqlErrorKind.INVALID_VALUE),
      Map.entry(1264, SqlErrorKind.INVALID_VALUE),
      Map.entry(1366, SqlErrorKind.INVALID_VALUE),
      Map.entry(1292, SqlErrorKind.INVALID_VALUE),
      Map.entry(1265, SqlErrorKind.INVALID_VALUE),
      Map.entry(1690, SqlErrorKind.INVALID_VALUE),
      Map.entry(1792, SqlErrorKind.READ_ONLY),
      Map.entry(1927, SqlErrorKind.CONNECTION_FAILURE),
      Map.entry(3169, SqlErrorKind.CONNECTION_FAILURE),
      Map.entry(1053, SqlErrorKind.CONNECTION_FAILURE),
      Map.entry(1152, SqlErrorKind.CONNECTION_FAILURE),
      Map.entry(1040, SqlErrorKind.CONNECTION_FAILURE),
      Map.entry(1158, SqlErrorKind.CONNECTION_FAILURE),
      Map.entry(1159, SqlErrorKind.CONNECTION_FAILURE),
      Map.entry(1160, SqlErrorKind.CONNECTION_FAILURE),
      Map.entry(1161, SqlErrorKind.CONNECTION_FAILURE),
      Map.entry(4031, SqlErrorKind.CONNECTION_FAILURE),
      Map.entry(2002, SqlErrorKind.CONNECTION_FAILURE),
      Map.entry(2003, SqlErrorKind.CONNECTION_FAILURE),
      Map.entry(2006, SqlErrorKind.CONNECTION_FAILURE),
      Map.entry(2013, SqlErrorKind.CONNECTION_FAILURE),
      Map.entry(2055, SqlErrorKind.CONNECTION_FAILURE));

  private static final Pattern KEY_NAME = Pattern.compile("for key '(?:[^'.]+\\.)?([^']+)'");
  private static final Pattern COLUMN_NAME = Pattern.compile("[Cc]olumn '([^']+)'");
  private static final Pattern CONSTRAINT_NAME = Pattern.compile("(?i)constraint [`']([^`']+)[`']");

  @Override
  public ClassifiedError classify(SQLException e) {
    SqlErrorKind kind = VENDOR_CODES.get(e.getErrorCode());
    if (kind == null) {
      return super.classify(e);
    }
    ClassifiedError c = ClassifiedError.of(kind);
    String message = e.getMessage() == null ? "" : e.getMessage();
    // "Data too long for column 'email'", "Out of range value for column 'balance'": a value
    // that does not fit is reported on its column, not on the row (issue 16).
    boolean byColumn = kind == SqlErrorKind.NOT_NULL_VIOLATION || kind == SqlErrorKind.INVALID_VALUE;
    Matcher m = (kind == SqlErrorKind.UNIQUE_VIOLATION ? KEY_NAME
        : byColumn ? COLUMN_NAME : CONSTRAINT_NAME).matcher(message);
    if (m.find()) {
      c = byColumn ? c.withColumn(m.group(1))
          : c.withConstraint(m.group(1));
    }
    return c;
  }

  // ---- reflection clean-up for autogenerate ------------------------------------------------

  /**
   * InnoDB creates an index for a foreign key whose columns no index covers yet, named after the
   * constraint; the models declare the foreign key, not that index, so it is left out. An index
   * of another name or on other columns is kept.
   */
  @Override
  public Table cleanReflectedTable(java.sql.Connection c, String schema, Table table)
      throws SQLException {
    return withFunctionalIndexes(c, schema, withoutForeignKeyIndexes(table));
  }

  /** The table without the indexes InnoDB created for its foreign keys. */
  static Table withoutForeignKeyIndexes(Table table) {
    return table.withIndexes(table.indexes().stream().filter(ix -> ix.unique()
        || table.foreignKeys().stream().noneMatch(fk -> fk.name().equalsIgnoreCase(ix.name())
            && fk.columns().equals(ix.columns()))).toList());
  }

  /**
   * MySQL 8.0.13+ reports a functional key part with no column name; its expression
   * ({@code lower(`email`)}) is in {@code information_schema.STATISTICS.EXPRESSION}, from which
   * indexes with such parts are read again. Asked only for tables with text columns, the only
   * ones an ignore-case index can cover, and never of a MariaDB server reached through a
   * {@code mysql://} URL (it has no functional key parts and no such column).
   */
  private Table withFunctionalIndexes(java.sql.Connection c, String schema, Table table)
      throws SQLException {
    if (table.columns().stream().noneMatch(col -> col.type().isText())
        || c.getMetaData().getDatabaseMajorVersion() < 8
        || c.getMetaData().getDatabaseProductVersion().contains("MariaDB")) {
      return table;
    }
    Map<String, List<String>> parts = new java.util.LinkedHashMap<>();
    Map<String, Boolean> unique = new java.util.HashMap<>();
    java.util.Set<String> functional = new java.util.HashSet<>();
    forEachTableRow(c, "SELECT INDEX_NAME, COLUMN_NAME, EXPRESSION, NON_UNIQUE "
        + "FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = COALESCE(?, DATABASE()) "
        + "AND TABLE_NAME = ? ORDER BY INDEX_NAME, SEQ_IN_INDEX", schema, table.name(), rs -> {
          String name = rs.getString(1);
          String expression = rs.getString(3);
          if (expression != null) {
            functional.add(name);
          }
          parts.computeIfAbsent(name, k -> new java.util.ArrayList<>())
              .add(expression != null ? expression : quote(rs.getString(2)));
          unique.put(name, rs.getInt(4) == 0);
        });
    List<Index> rebuilt = functional.stream()
        .map(n -> ExpressionIndexes.fromKeys(n, unique.get(n), parts.get(n))).toList();
    return rebuilt.isEmpty() ? table : ExpressionIndexes.replace(table, rebuilt);
  }

  /**
   * The server pads a DECIMAL column's default to the column's scale ({@code DEFAULT 0} on
   * {@code DECIMAL(19, 2)} reads back as {@code 0.00}), so DECIMAL defaults that are plain numbers
   * are compared by value: {@code 0} and {@code 0.00} are the same default, {@code 0} and
   * {@code 5} are not.
   */
  @Override
  public boolean sameDefault(ColumnType type, String model, String reflected) {
    if (type.kind() != ColumnType.Kind.DECIMAL) {
      return false;
    }
    return plainNumber(model).flatMap(m -> plainNumber(reflected).map(r -> m.compareTo(r) == 0))
        .orElse(false);
  }

  private static Optional<BigDecimal> plainNumber(String sql) {
    String s = sql.strip();
    return s.matches("[-+]?\\d+(\\.\\d*)?|[-+]?\\.\\d+")
        ? Optional.of(new BigDecimal(s)) : Optional.empty();
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

  /** Reads one row of an information_schema query. */
  interface RowReader {
    void read(ResultSet rs) throws SQLException;
  }

  /**
   * Runs {@code sql}, an information_schema query whose two parameters are the schema (null for
   * the connection's database) and the table name, handing each row to {@code reader}.
   */
  static void forEachTableRow(java.sql.Connection c, String sql, String schema, String table,
      RowReader reader) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, schema);
      ps.setString(2, table);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          reader.read(rs);
        }
      }
    }
  }
}
