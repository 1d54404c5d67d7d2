package dev.svcinfra.sql.dialect;

import dev.svcinfra.config.DatabaseUrl;
import dev.svcinfra.sql.dialect.internal.BackupRestore;
import dev.svcinfra.sql.dialect.internal.ClassifiedError;
import dev.svcinfra.sql.dialect.internal.ConnectionOptions;
import dev.svcinfra.sql.dialect.internal.ConnectionTarget;
import dev.svcinfra.sql.dialect.internal.RebuiltTable;
import dev.svcinfra.sql.dialect.internal.SqlSyntax;
import dev.svcinfra.sql.dialect.internal.SqliteOpenFlags;
import dev.svcinfra.sql.dialect.internal.UnsupportedDdlException;
import dev.svcinfra.sql.model.ColumnType;
import dev.svcinfra.sql.model.internal.Column;
import dev.svcinfra.sql.model.internal.Index;
import dev.svcinfra.sql.model.internal.Table;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * SQLite through xerial sqlite-jdbc: {@code sqlite:///relative.db}, {@code sqlite:////abs.db},
 * {@code sqlite://} (memory). Foreign keys are enforced ({@code foreign_keys=true}), file databases
 * use write-ahead logging ({@code journal_mode=WAL}), read-write transactions take the write lock
 * when they start ({@code BEGIN IMMEDIATE}) and writers wait up to the connect timeout for it
 * ({@code busy_timeout}) instead of failing at once. There is no server-side statement timeout;
 * JDBC's query timeout is the fallback.
 *
 * @since 0.1
 */
final class SqliteDialect extends EmbeddedFileDialect {
  SqliteDialect() {
    super("sqlite", Set.of("sqlite", "sqlite3"));
  }

  @Override
  public String driverClassName() {
    return "org.sqlite.JDBC";
  }

  @Override
  public String driverArtifact() {
    return "org.xerial:sqlite-jdbc";
  }

  private static boolean readOnly(Map<String, String> query) {
    String mode = query.get(SqliteOpenFlags.OPEN_MODE);
    try {
      return mode != null && (Integer.parseInt(mode.strip()) & 1) != 0;
    } catch (NumberFormatException e) {
      return false; // the driver reports the malformed flags itself
    }
  }

  @Override
  public ConnectionTarget connectionTarget(DatabaseUrl url, ConnectionOptions options) {
    requireNoServer(url);
    Map<String, String> query = new LinkedHashMap<>(url.params());
    query.putIfAbsent("foreign_keys", "true");
    query.putIfAbsent("busy_timeout", String.valueOf(options.timeouts().connect().toMillis()));
    if (filePath(url).isPresent() && !readOnly(query)) {
      // Write-ahead logging: readers never wait for the writer, nor the writer for readers, so
      // only writers queue for the one write lock (issue 16). A memory database has no log, and
      // a read-only connection must not write the switch into the file's header.
      query.putIfAbsent("journal_mode", "WAL");
    }
    StringBuilder jdbc = new StringBuilder("jdbc:sqlite:");
    jdbc.append(filePath(url).orElse(":memory:"));
    Map<String, String> properties = new LinkedHashMap<>();
    DriverParameters.place(jdbc, query, '?', '&', properties);
    return new ConnectionTarget(jdbc.toString(), driverClassName(), properties);
  }

  @Override
  public boolean supportsReturning() {
    return true;
  }

  /**
   * A read-write transaction starts with {@code BEGIN IMMEDIATE}: it takes the database's one write
   * lock at once, waiting up to {@code busy_timeout} while another connection holds it. With
   * SQLite's default {@code BEGIN DEFERRED}, a transaction that reads before it writes (every
   * insert checking a unique key, every read-then-update) must upgrade its read lock while another
   * transaction writes, and SQLite refuses that at once with SQLITE_BUSY instead of waiting, so
   * concurrent writers failed with "transaction conflict" (issue 16). Read-only transactions stay
   * deferred and, with write-ahead logging, run beside the writer.
   */
  @Override
  public void startTransaction(Connection c, boolean readOnly) throws SQLException {
    if (readOnly || !XerialDriver.isXerial(c)) {
      c.setAutoCommit(false);
      return;
    }
    XerialDriver.beginImmediate(c);
  }

  // ---- text comparison: Unicode lowercase through SqliteUnicodeLower -----------------------

  /** Registers {@link SqliteUnicodeLower} on each connection. */
  @Override
  public boolean initializesConnections() {
    return true;
  }

  @Override
  public void initializeConnection(Connection connection) throws SQLException {
    SqliteUnicodeLower.register(connection);
  }

  /**
   * Both sides folded by {@link SqliteUnicodeLower}: SQLite's {@code LIKE} and {@code lower()}
   * ignore the case of ASCII letters only, so {@code ωmega} would not find {@code ΩMEGA}.
   */
  @Override
  public String containsIgnoreCase(String quotedColumn) {
    return SqliteUnicodeLower.NAME
        + "("
        + quotedColumn
        + ") LIKE "
        + SqliteUnicodeLower.NAME
        + "(?) ESCAPE '"
        + LIKE_ESCAPE
        + "'";
  }

  @Override
  public String equalsIgnoreCase(String quotedColumn) {
    return SqliteUnicodeLower.NAME + "(" + quotedColumn + ") = " + SqliteUnicodeLower.NAME + "(?)";
  }

  /**
   * An ignore-case key part folds with {@link SqliteUnicodeLower}, not {@code lower()}, which
   * leaves {@code É} and {@code é} distinct (issue 16). Only connections that have the function can
   * write to the table; see {@link SqliteUnicodeLower}.
   */
  @Override
  String ignoreCaseKey(Table table, Index index, String column) {
    return SqliteUnicodeLower.NAME + "(" + quote(column) + ")";
  }

  // ---- DDL: SQLite type affinities and the rowid alias --------------------------------------

  /**
   * Every integer is {@code INTEGER} so an identity key can be the rowid alias; JSON is {@code
   * TEXT} so a document that looks like a number is never converted by NUMERIC affinity.
   */
  @Override
  public String columnTypeSql(ColumnType type) {
    return switch (type.kind()) {
      case SMALLINT, INTEGER, BIGINT -> "INTEGER";
      case DOUBLE -> "DOUBLE";
      case UUID -> "CHAR(36)";
      case JSON -> "TEXT";
      case DECIMAL -> SqliteDecimals.typeSql(type);
      default -> super.columnTypeSql(type);
    };
  }

  /**
   * A decimal column also gets its own CHECK and a scaled default ({@link SqliteDecimals}, issue
   * 16: decimals are stored as exact scaled integers).
   */
  @Override
  String columnDefinition(Table table, Column c) {
    if (c.type().kind() != ColumnType.Kind.DECIMAL) {
      return super.columnDefinition(table, c);
    }
    return super.columnDefinition(table, SqliteDecimals.withStoredDefault(c))
        + SqliteDecimals.checkClause(quote(c.name()), c.name(), c.type(), this::quote);
  }

  /** {@code INTEGER PRIMARY KEY AUTOINCREMENT}: the only way SQLite generates keys. */
  @Override
  String identityClause(Table table, Column c) {
    return " PRIMARY KEY AUTOINCREMENT";
  }

  @Override
  boolean identityNeedsNotNull() {
    return false;
  }

  @Override
  boolean primaryKeyInline(Table table) {
    return table.columns().stream().anyMatch(Column::identity);
  }

  /** SQLite keeps no comments. */
  @Override
  List<String> commentStatements(Table table) {
    return List.of();
  }

  /**
   * A plain SELECT: SQLite has no row locks, it locks the whole database, and its transactions are
   * serializable. A transaction that read the row cannot write it after another transaction
   * committed a change (SQLite answers busy), and a writer that holds the write lock reads the
   * latest data, so the compare and the write cannot interleave with another writer.
   */
  @Override
  public String selectForUpdate(String table, String columns, String where) {
    return "SELECT " + columns + " FROM " + table + " WHERE " + where;
  }

  // ---- values and errors ---------------------------------------------------------------------

  /**
   * Dates and times are text with a fixed number of fraction digits, so text order is time order;
   * zoned values are stored in UTC.
   */
  private static final DateTimeFormatter TIMESTAMP_TEXT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

  private static final DateTimeFormatter TIME_TEXT = DateTimeFormatter.ofPattern("HH:mm:ss.SSSSSS");

  @Override
  public void bind(PreparedStatement ps, int index, Object value, ColumnType type)
      throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.NULL);
      return;
    }
    switch (type.kind()) {
      case DATE -> ps.setString(index, value.toString());
      case TIME -> ps.setString(index, TIME_TEXT.format((LocalTime) value));
      case TIMESTAMP -> ps.setString(index, TIMESTAMP_TEXT.format((LocalDateTime) value));
      case TIMESTAMP_TZ ->
          ps.setString(
              index,
              TIMESTAMP_TEXT.format(LocalDateTime.ofInstant((Instant) value, ZoneOffset.UTC)));
      case UUID -> ps.setString(index, value.toString());
      case DECIMAL -> SqliteDecimals.bind(ps, index, (BigDecimal) value, type);
      default -> super.bind(ps, index, value, type);
    }
  }

  @Override
  public Object read(ResultSet rs, int index, ColumnType type) throws SQLException {
    switch (type.kind()) {
      case DATE, TIME, TIMESTAMP, TIMESTAMP_TZ -> {
        String text = rs.getString(index);
        if (text == null) {
          return null;
        }
        return switch (type.kind()) {
          case DATE -> LocalDate.parse(text);
          case TIME -> LocalTime.parse(text);
          case TIMESTAMP -> LocalDateTime.parse(text, TIMESTAMP_TEXT);
          default -> LocalDateTime.parse(text, TIMESTAMP_TEXT).toInstant(ZoneOffset.UTC);
        };
      }
      case DECIMAL -> {
        return SqliteDecimals.read(rs, index, type);
      }
      default -> {
        return super.read(rs, index, type);
      }
    }
  }

  /** The table of result codes in {@link SqliteErrors}; SQLState otherwise. */
  @Override
  public ClassifiedError classify(SQLException e) {
    return SqliteErrors.classify(e).orElseGet(() -> super.classify(e));
  }

  /** {@code sqlite_sequence}, {@code sqlite_stat1}: SQLite reserves every {@code sqlite_} name. */
  @Override
  public boolean isSystemTable(String schema, String table) {
    return super.isSystemTable(schema, table)
        || table.toLowerCase(Locale.ROOT).startsWith("sqlite_");
  }

  /** A copy of the database file, or its SQL dump replayed into a new file. */
  @Override
  public Optional<BackupRestore> backupRestore() {
    return Optional.of(BackupRestore.SQLITE_FILE);
  }

  // ---- reflection clean-up for autogenerate: SqliteReflection --------------------------------

  /**
   * SQLite keeps each column's declared type text, but the xerial driver reports a declared {@code
   * NUMERIC(19, 2)} with a COLUMN_SIZE of 21, which reads as another precision. Precision and scale
   * of DECIMAL columns are therefore taken from the declared type in {@code pragma_table_info},
   * exactly as the revision wrote it. Expression indexes are read from their own text ({@link
   * SqliteReflection}).
   */
  @Override
  public Table cleanReflectedTable(Connection c, String schema, Table table) throws SQLException {
    return SqliteReflection.clean(c, schema, table, this);
  }

  /** A decimal default is stored scaled ({@code 1.50} as {@code 150}, {@link SqliteDecimals}). */
  @Override
  public boolean sameDefault(ColumnType type, String model, String reflected) {
    if (type.kind() != ColumnType.Kind.DECIMAL) {
      return false;
    }
    Column stored =
        SqliteDecimals.withStoredDefault(
            new Column("c", type, true, Optional.of(model), false, Optional.empty(), List.of()));
    return stored.defaultSql().map(d -> d.equals(reflected.strip())).orElse(false);
  }

  // ---- schema changes: SQLite's ALTER TABLE adds, drops and renames columns, nothing else ----

  @Override
  public List<String> alterColumnStatements(Table table, Column from, Column to) {
    throw new UnsupportedDdlException(
        "sqlite cannot change the type, nullability or default of "
            + table.qualifiedName()
            + "."
            + to.name()
            + " in place; rebuild the table by hand: "
            + "create the new table, copy the rows, drop the old one, rename");
  }

  /**
   * Refused in place, so autogenerate rebuilds the table instead: {@code DROP COLUMN} fails on a
   * column named in an index, a CHECK (every decimal has one) or a foreign key, and needs SQLite
   * 3.35.
   */
  @Override
  public List<String> dropColumnStatements(Table table, String column) {
    throw new UnsupportedDdlException(
        "sqlite drops the column "
            + table.qualifiedName()
            + "."
            + column
            + " by rebuilding the table; rebuild the table by hand: "
            + "create the new table, copy the rows, drop the old one, rename");
  }

  /**
   * Type, nullability, default, foreign key and dropped-column changes ({@link
   * SqliteTableRebuild}).
   */
  @Override
  public boolean rebuildsTables() {
    return true;
  }

  @Override
  public List<String> rebuildTableStatements(List<RebuiltTable> tables) {
    List<String> out = new ArrayList<>();
    for (RebuiltTable t : tables) {
      out.addAll(new SqliteTableRebuild(this).statements(t.from(), t.to()));
    }
    return out;
  }

  /**
   * Foreign keys off for the migration connection: a table rebuild drops a table other tables
   * reference, and with enforcement on that drop deletes its rows first, running the children's
   * {@code ON DELETE} actions. SQLite ignores the switch inside a transaction, so it is set for the
   * session; every step then ends with {@link #foreignKeyViolations} before its commit.
   */
  @Override
  public List<String> migrationSessionStatements(int serverMajorVersion) {
    return List.of("PRAGMA foreign_keys = OFF");
  }

  @Override
  public List<String> migrationSessionResetStatements(int serverMajorVersion) {
    return List.of("PRAGMA foreign_keys = ON");
  }

  /** The rows {@code PRAGMA foreign_key_check} reports, at most ten. */
  @Override
  public List<String> foreignKeyViolations(Connection c) throws SQLException {
    List<String> out = new ArrayList<>();
    try (var st = c.createStatement();
        ResultSet rs = st.executeQuery("PRAGMA foreign_key_check")) {
      while (rs.next() && out.size() < 10) {
        out.add(
            rs.getString(1)
                + " row "
                + rs.getString(2)
                + " references a missing row of "
                + rs.getString(3));
      }
    }
    return out;
  }

  /** {@code "Users"} and {@code "users"} are one table here (issue 17). */
  @Override
  public boolean quotedTableNamesIgnoreCase() {
    return true;
  }

  /** Trigger bodies ({@code BEGIN ... END}), {@code `..`} and {@code [..]} identifiers. */
  @Override
  public SqlSyntax sqlSyntax() {
    return SqlSyntax.SQLITE;
  }
}
