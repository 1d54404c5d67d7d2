package dev.svcinfra.sql.dialect;

import dev.svcinfra.config.DatabaseUrl;
import dev.svcinfra.sql.dialect.internal.ClassifiedError;
import dev.svcinfra.sql.dialect.internal.ConnectionOptions;
import dev.svcinfra.sql.dialect.internal.ConnectionTarget;
import dev.svcinfra.sql.dialect.internal.MigrationLock;
import dev.svcinfra.sql.dialect.internal.SqlErrorKind;
import dev.svcinfra.sql.dialect.internal.SqlSyntax;
import dev.svcinfra.sql.dialect.internal.UnsupportedDdlException;
import dev.svcinfra.sql.model.ColumnType;
import dev.svcinfra.sql.model.internal.Column;
import dev.svcinfra.sql.model.internal.Index;
import dev.svcinfra.sql.model.internal.Table;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Microsoft SQL Server through mssql-jdbc: {@code mssql://user:pw@host:1433/db} (Python driver
 * suffixes such as {@code +pyodbc} are accepted; the ODBC-only {@code driver} parameter is
 * dropped).
 *
 * <p>TLS: mssql-jdbc encrypts and validates the server certificate by default. {@code sslmode} is
 * translated: {@code disable} sets {@code encrypt=false}; {@code require} sets {@code encrypt=true}
 * with {@code trustServerCertificate=true}; {@code verify-ca}/{@code verify-full} set {@code
 * encrypt=true} with validation. ODBC spellings ({@code Encrypt=yes}, {@code
 * TrustServerCertificate=yes}) are translated too.
 *
 * <p>SQL Server has no server-side per-statement time limit, so statement timeouts fall back to
 * JDBC's query timeout. Unix sockets do not exist for SQL Server and are refused.
 *
 * @since 0.1
 */
final class SqlServerDialect extends StandardDialect {
  static final int DEFAULT_PORT = 1433;

  SqlServerDialect() {
    super("mssql", Set.of("mssql", "sqlserver"));
  }

  @Override
  public String driverClassName() {
    return "com.microsoft.sqlserver.jdbc.SQLServerDriver";
  }

  @Override
  public String driverArtifact() {
    return "com.microsoft.sqlserver:mssql-jdbc";
  }

  /** A readable secondary of an availability group, or a database set READ_ONLY. */
  @Override
  public Optional<String> refusesWritesQuery() {
    return Optional.of(
        "SELECT CASE WHEN DATABASEPROPERTYEX(DB_NAME(), 'Updateability') = 'READ_ONLY'"
            + " THEN 'the database is read-only (a secondary replica, or set READ_ONLY)' END");
  }

  @Override
  public ConnectionTarget connectionTarget(DatabaseUrl url, ConnectionOptions options) {
    return SqlServerConnections.target(url, options, name(), driverClassName());
  }

  @Override
  public String quote(String identifier) {
    return '[' + identifier.replace("]", "]]") + ']';
  }

  /**
   * SQL Server sorts NULLs as smaller than any value and has no {@code NULLS LAST}: a leading
   * {@code CASE} key puts them last ascending and first descending (issue 16).
   */
  @Override
  public String orderTerm(String expression, boolean descending, boolean nullable) {
    String direction = descending ? " DESC" : " ASC";
    if (!nullable) {
      return expression + direction;
    }
    return "CASE WHEN "
        + expression
        + " IS NULL THEN 1 ELSE 0 END"
        + direction
        + ", "
        + expression
        + direction;
  }

  /** SQL Server pages with OFFSET/FETCH, which requires an ORDER BY. */
  @Override
  public void appendLimitOffset(StringBuilder sql, long limit, long offset, boolean hasOrderBy) {
    if (!hasOrderBy) {
      sql.append(" ORDER BY (SELECT NULL)");
    }
    sql.append(" OFFSET ")
        .append(offset)
        .append(" ROWS FETCH NEXT ")
        .append(limit)
        .append(" ROWS ONLY");
  }

  /** In SQL Server's LIKE, {@code [} opens a character class, so it is escaped too. */
  @Override
  public String likeSpecialCharacters() {
    return "%_![";
  }

  /** {@code sp_getapplock} owned by the session, released when that connection ends. */
  @Override
  public MigrationLock migrationLock() {
    return SessionLock.sqlServer();
  }

  @Override
  public String beginTransaction() {
    return "BEGIN TRANSACTION";
  }

  /** {@code TIMESTAMP} is a row version in SQL Server, not a point in time. */
  @Override
  String timestampType() {
    return "DATETIME2";
  }

  /** SQL Server has no {@code CREATE TABLE IF NOT EXISTS}. */
  @Override
  List<String> createLeaseTable(String table) {
    String create =
        super.createLeaseTable(table).get(0).replace("CREATE TABLE IF NOT EXISTS", "CREATE TABLE");
    return List.of("IF OBJECT_ID(N'" + table.replace("'", "''") + "', N'U') IS NULL " + create);
  }

  /**
   * SQL Server locks through table hints: {@code UPDLOCK} keeps other writers (and other {@code
   * UPDLOCK} readers) off the rows until the transaction ends, {@code ROWLOCK} keeps the lock on
   * the rows instead of pages.
   */
  @Override
  public String selectForUpdate(String table, String columns, String where) {
    return "SELECT " + columns + " FROM " + table + " WITH (UPDLOCK, ROWLOCK) WHERE " + where;
  }

  /** N-prefixed so non-Latin text survives in NVARCHAR columns. */
  @Override
  public String stringLiteral(String value) {
    return "N" + super.stringLiteral(value);
  }

  // ---- DDL: SQL Server types, IDENTITY, DROP INDEX .. ON -----------------------------------

  @Override
  public String columnTypeSql(ColumnType type) {
    return switch (type.kind()) {
      case STRING, ENUM -> "NVARCHAR(" + type.length() + ")";
      case TEXT, JSON -> "NVARCHAR(MAX)";
      case INTEGER -> "INT";
      case DECIMAL -> "DECIMAL(" + type.precision() + ", " + type.scale() + ")";
      case DOUBLE -> "FLOAT(53)";
      case BOOLEAN -> "BIT";
      case UUID -> "UNIQUEIDENTIFIER";
      case TIME -> "TIME(6)";
      case TIMESTAMP -> "DATETIME2(6)";
      case TIMESTAMP_TZ -> "DATETIMEOFFSET(6)";
      case BINARY -> type.length() > 0 ? "VARBINARY(" + type.length() + ")" : "VARBINARY(MAX)";
      default -> super.columnTypeSql(type);
    };
  }

  @Override
  String identityClause(Table table, Column c) {
    return " IDENTITY(1,1)";
  }

  /**
   * Text columns name a binary collation: SQL Server's usual defaults ({@code
   * SQL_Latin1_General_CP1_CI_AS}) ignore case, so tenant ids, keys and cursors would match another
   * tenant's (issue 16). {@code BIN2} compares code points. SQL Server still ignores trailing
   * spaces in {@code =} under every collation (ANSI padding); that is documented, not fixable by a
   * collation. {@code UNIQUEIDENTIFIER} keys need none.
   */
  @Override
  String collationClause(ColumnType type) {
    return switch (type.kind()) {
      case STRING, TEXT, ENUM, JSON -> " COLLATE Latin1_General_100_BIN2";
      default -> "";
    };
  }

  /** Comments are extended properties in SQL Server; they are not rendered. */
  @Override
  List<String> commentStatements(Table table) {
    return List.of();
  }

  @Override
  public String dropIndexStatement(Table table, Index index) {
    return dropIndexOnTable(table, index);
  }

  /**
   * An ignore-case index is over persisted computed {@code LOWER(column)} columns, which {@link
   * #createIndexStatements} adds first ({@link SqlServerIndexes} says why and what it folds).
   */
  @Override
  String indexKeys(Table table, Index index) {
    return SqlServerIndexes.keys(this, table, index);
  }

  @Override
  public List<String> createIndexStatements(Table table, Index index) {
    return SqlServerIndexes.createStatements(this, table, index);
  }

  @Override
  public List<String> dropIndexStatements(Table table, Index index) {
    return SqlServerIndexes.dropStatements(this, table, index);
  }

  /**
   * Filtered (live-rows-only) indexes and the computed columns of ignore-case ones, which JDBC
   * metadata reports as a plain index and an extra column, are read back in the models' form.
   */
  @Override
  public Table cleanReflectedTable(Connection c, String schema, Table reflected)
      throws SQLException {
    return SqlServerReflection.clean(this, c, schema, reflected);
  }

  // ---- statements and errors -----------------------------------------------------------------

  /** SQL Server returns rows of an INSERT with {@code OUTPUT INSERTED.col}, before VALUES. */
  @Override
  public boolean supportsReturning() {
    return true;
  }

  @Override
  public String insertStatement(String table, List<String> quotedColumns, List<String> returning) {
    StringBuilder sql =
        new StringBuilder("INSERT INTO ")
            .append(table)
            .append(" (")
            .append(String.join(", ", quotedColumns))
            .append(')');
    appendOutput(sql, returning);
    sql.append(" VALUES (");
    for (int i = 0; i < quotedColumns.size(); i++) {
      sql.append(i == 0 ? "?" : ", ?");
    }
    return sql.append(')').toString();
  }

  @Override
  public String updateStatement(String table, String set, String where, List<String> returning) {
    StringBuilder sql = new StringBuilder("UPDATE ").append(table).append(" SET ").append(set);
    appendOutput(sql, returning);
    return sql.append(" WHERE ").append(where).toString();
  }

  private static void appendOutput(StringBuilder sql, List<String> returning) {
    if (!returning.isEmpty()) {
      sql.append(" OUTPUT ");
      for (int i = 0; i < returning.size(); i++) {
        sql.append(i == 0 ? "" : ", ").append("INSERTED.").append(returning.get(i));
      }
    }
  }

  /**
   * SQL Server error numbers (mssql-jdbc's vendor code).
   *
   * <pre>
   * 2627 unique constraint, 2601 unique index       unique
   * 515 cannot insert NULL                          not null
   * 547 constraint conflict (foreign key or check)  foreign key
   * 1205 deadlock victim                            retryable
   * 8152, 2628 string truncated; 8115 overflow      invalid value
   * SQLState HY008 (query timeout cancelled)        statement timeout
   * 233 no process on the other end of the pipe, 596 session in the kill state,
   * 6005 SHUTDOWN in progress, 10053/10054/10060 transport-level errors (connection aborted,
   * reset, timed out), 40197/40501/40613 Azure SQL: service error, service busy, database
   * unavailable                                    connection lost
   * </pre>
   *
   * mssql-jdbc reports a broken socket as SQLState 08S01 (class 08, covered by the standard table).
   * A lost connection (issue 16) is "unavailable" (HTTP 503) and the pool discards it.
   */
  private static final Map<Integer, SqlErrorKind> VENDOR_CODES =
      Map.ofEntries(
          Map.entry(2627, SqlErrorKind.UNIQUE_VIOLATION),
          Map.entry(2601, SqlErrorKind.UNIQUE_VIOLATION),
          Map.entry(515, SqlErrorKind.NOT_NULL_VIOLATION),
          Map.entry(547, SqlErrorKind.FOREIGN_KEY_VIOLATION),
          Map.entry(1205, SqlErrorKind.TRANSIENT_CONFLICT),
          Map.entry(8152, SqlErrorKind.INVALID_VALUE),
          Map.entry(2628, SqlErrorKind.INVALID_VALUE),
          Map.entry(8115, SqlErrorKind.INVALID_VALUE),
          Map.entry(233, SqlErrorKind.CONNECTION_FAILURE),
          Map.entry(596, SqlErrorKind.CONNECTION_FAILURE),
          Map.entry(6005, SqlErrorKind.CONNECTION_FAILURE),
          Map.entry(10053, SqlErrorKind.CONNECTION_FAILURE),
          Map.entry(10054, SqlErrorKind.CONNECTION_FAILURE),
          Map.entry(10060, SqlErrorKind.CONNECTION_FAILURE),
          Map.entry(40197, SqlErrorKind.CONNECTION_FAILURE),
          Map.entry(40501, SqlErrorKind.CONNECTION_FAILURE),
          Map.entry(40613, SqlErrorKind.CONNECTION_FAILURE));

  @Override
  public ClassifiedError classify(SQLException e) {
    if ("HY008".equals(e.getSQLState())) {
      return ClassifiedError.of(SqlErrorKind.STATEMENT_TIMEOUT);
    }
    SqlErrorKind kind = VENDOR_CODES.get(e.getErrorCode());
    return kind != null ? ClassifiedError.of(kind) : super.classify(e);
  }

  // ---- schema changes: ADD without COLUMN, sp_rename, defaults are named constraints --------

  @Override
  public List<String> addColumnStatements(Table table, Column column) {
    return List.of(alterTable(table) + " ADD " + columnDefinition(table, column));
  }

  @Override
  public List<String> alterColumnStatements(Table table, Column from, Column to) {
    SqlServerIndexes.refuseAlteringFoldedColumn(table, to);
    if (!from.defaultSql().equals(to.defaultSql())) {
      throw new UnsupportedDdlException(
          "mssql keeps column defaults as named constraints; "
              + "change the default of "
              + table.qualifiedName()
              + "."
              + to.name()
              + " by hand");
    }
    return List.of(
        alterTable(table)
            + " ALTER COLUMN "
            + quote(to.name())
            + " "
            + columnTypeSql(to.type())
            + collationClause(to.type())
            + (to.nullable() ? " NULL" : " NOT NULL"));
  }

  @Override
  public List<String> renameColumnStatements(Table table, String from, String to) {
    return List.of(
        "EXEC sp_rename "
            + stringLiteral(table.qualifiedName() + "." + from)
            + ", "
            + stringLiteral(to)
            + ", 'COLUMN'");
  }

  @Override
  public List<String> renameTableStatements(Table table, String from) {
    return List.of(
        "EXEC sp_rename "
            + stringLiteral(table.schema().map(s -> s + ".").orElse("") + from)
            + ", "
            + stringLiteral(table.name()));
  }

  /** {@code [..]} identifiers and {@code GO} batch lines. */
  @Override
  public SqlSyntax sqlSyntax() {
    return SqlSyntax.SQL_SERVER;
  }
}
