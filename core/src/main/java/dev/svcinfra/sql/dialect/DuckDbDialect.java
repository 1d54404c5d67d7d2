package dev.svcinfra.sql.dialect;

import dev.svcinfra.config.DatabaseUrl;
import dev.svcinfra.sql.dialect.internal.ClassifiedError;
import dev.svcinfra.sql.dialect.internal.ConnectionOptions;
import dev.svcinfra.sql.dialect.internal.ConnectionTarget;
import dev.svcinfra.sql.dialect.internal.RebuiltTable;
import dev.svcinfra.sql.dialect.internal.RowEstimate;
import dev.svcinfra.sql.dialect.internal.SqlErrorKind;
import dev.svcinfra.sql.dialect.internal.SqlSyntax;
import dev.svcinfra.sql.dialect.internal.UnsupportedDdlException;
import dev.svcinfra.sql.model.ColumnType;
import dev.svcinfra.sql.model.internal.Column;
import dev.svcinfra.sql.model.internal.Index;
import dev.svcinfra.sql.model.internal.Table;
import dev.svcinfra.sql.model.internal.UniqueConstraint;
import java.sql.Blob;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * DuckDB through its JDBC driver: {@code duckdb:///relative.duckdb}, {@code duckdb:////abs.duckdb},
 * {@code duckdb://} (memory). URL parameters are passed to the driver as configuration ({@code
 * threads}, {@code memory_limit}, ...). No server-side statement timeout.
 *
 * @since 0.1
 */
final class DuckDbDialect extends EmbeddedFileDialect {
  DuckDbDialect() {
    super("duckdb", Set.of("duckdb"));
  }

  @Override
  public String driverClassName() {
    return "org.duckdb.DuckDBDriver";
  }

  @Override
  public String driverArtifact() {
    return "org.duckdb:duckdb_jdbc";
  }

  @Override
  public ConnectionTarget connectionTarget(DatabaseUrl url, ConnectionOptions options) {
    requireNoServer(url);
    StringBuilder jdbc = new StringBuilder("jdbc:duckdb:");
    filePath(url).ifPresent(jdbc::append);
    return new ConnectionTarget(jdbc.toString(), driverClassName(), url.params());
  }

  @Override
  boolean hasIlike() {
    return true;
  }

  @Override
  public boolean supportsReturning() {
    return true;
  }

  /**
   * A plain SELECT: DuckDB has no row locks. Its optimistic MVCC refuses the write instead: when
   * another transaction changed the row after this one began, the UPDATE or DELETE of that row
   * fails with a transaction conflict, so a compare on a stale read never turns into a write.
   */
  @Override
  public String selectForUpdate(String table, String columns, String where) {
    return "SELECT " + columns + " FROM " + table + " WHERE " + where;
  }

  // ---- DDL: DuckDB generates keys from a sequence ------------------------------------------

  @Override
  public String columnTypeSql(ColumnType type) {
    return switch (type.kind()) {
      case DOUBLE -> "DOUBLE";
      case TIMESTAMP_TZ -> "TIMESTAMPTZ";
      default -> super.columnTypeSql(type);
    };
  }

  @Override
  List<String> identityPrelude(Table table) {
    return table.columns().stream()
        .filter(Column::identity)
        .map(c -> "CREATE SEQUENCE " + sequence(table, c))
        .toList();
  }

  @Override
  String identityClause(Table table, Column c) {
    return " DEFAULT nextval("
        + literal(table.schema().map(s -> s + ".").orElse("") + sequenceName(table, c))
        + ")";
  }

  @Override
  public List<String> dropTableStatements(Table table) {
    List<String> out = new ArrayList<>(super.dropTableStatements(table));
    table.columns().stream()
        .filter(Column::identity)
        .forEach(c -> out.add("DROP SEQUENCE " + sequence(table, c)));
    return out;
  }

  /** The sequence behind the identity column {@code c}, qualified and quoted. */
  String sequence(Table table, Column c) {
    return tableName(table.schema(), sequenceName(table, c));
  }

  private static String sequenceName(Table table, Column c) {
    return "seq_" + table.name() + "_" + c.name();
  }

  // ---- values and errors ---------------------------------------------------------------------

  @Override
  public Object read(ResultSet rs, int index, ColumnType type) throws SQLException {
    if (type.kind() == ColumnType.Kind.BINARY) {
      Blob blob = rs.getBlob(index);
      return blob == null ? null : blob.getBytes(1, (int) blob.length());
    }
    return super.read(rs, index, type);
  }

  /**
   * DuckDB's JDBC driver sets neither SQLState nor vendor code; its only structured information is
   * the error type that opens every message ({@code "Constraint Error: "}, {@code "Conversion
   * Error: "}, {@code "INTERRUPT Error: "}), followed by DuckDB's fixed constraint wording. The
   * table maps those prefixes:
   *
   * <pre>
   * Constraint Error: Duplicate key .. violates unique|primary key constraint   unique
   * Constraint Error: NOT NULL constraint failed: t.c                       not null
   * Constraint Error: Violates foreign key constraint ..                    foreign key
   * Constraint Error: CHECK constraint failed ..                            check
   * Conversion Error:, Out of Range Error:, Invalid Input Error: ..         invalid value
   * INTERRUPT Error:                                                        statement timeout
   * TransactionContext Error: .. Conflict                                   retryable
   * Connection Error:, FATAL Error: (the database was invalidated)          unavailable
   * </pre>
   *
   * An unusable database is "unavailable" (HTTP 503) and the pool discards the connection (issue
   * 16).
   */
  private static final Map<String, SqlErrorKind> ERROR_PREFIXES = new LinkedHashMap<>();

  static {
    ERROR_PREFIXES.put("Constraint Error: Duplicate key", SqlErrorKind.UNIQUE_VIOLATION);
    ERROR_PREFIXES.put("Constraint Error: NOT NULL", SqlErrorKind.NOT_NULL_VIOLATION);
    ERROR_PREFIXES.put(
        "Constraint Error: Violates foreign key", SqlErrorKind.FOREIGN_KEY_VIOLATION);
    ERROR_PREFIXES.put("Constraint Error: CHECK", SqlErrorKind.CHECK_VIOLATION);
    ERROR_PREFIXES.put("Conversion Error:", SqlErrorKind.INVALID_VALUE);
    ERROR_PREFIXES.put("Out of Range Error:", SqlErrorKind.INVALID_VALUE);
    ERROR_PREFIXES.put("INTERRUPT Error:", SqlErrorKind.STATEMENT_TIMEOUT);
    ERROR_PREFIXES.put("TransactionContext Error:", SqlErrorKind.TRANSIENT_CONFLICT);
    ERROR_PREFIXES.put("Connection Error:", SqlErrorKind.CONNECTION_FAILURE);
    ERROR_PREFIXES.put("FATAL Error:", SqlErrorKind.CONNECTION_FAILURE);
  }

  private static final Pattern NOT_NULL_COLUMN =
      Pattern.compile("NOT NULL constraint failed: [^.]+\\.(\\S+)");
  private static final Pattern DUPLICATE_KEY = Pattern.compile("Duplicate key \"([^:\"]+):");

  @Override
  public ClassifiedError classify(SQLException e) {
    String message = e.getMessage() == null ? "" : e.getMessage();
    for (Map.Entry<String, SqlErrorKind> entry : ERROR_PREFIXES.entrySet()) {
      if (message.startsWith(entry.getKey())) {
        ClassifiedError c = ClassifiedError.of(entry.getValue());
        Matcher column =
            (entry.getValue() == SqlErrorKind.NOT_NULL_VIOLATION ? NOT_NULL_COLUMN : DUPLICATE_KEY)
                .matcher(message);
        if (!column.find()) {
          return c;
        }
        // A unique index over lower(email) names its key as "lower(email)": the column is email.
        return c.withColumn(ExpressionIndexes.lowerColumn(column.group(1)).orElse(column.group(1)));
      }
    }
    return super.classify(e);
  }

  // ---- schema changes: what ALTER refuses is rebuilt (DuckDbTableRebuild) -------------------

  /**
   * In place where DuckDB's ALTER makes the change: a new default always; a type or nullability
   * only on a table without indexes or unique constraints (any ALTER but a default fails there with
   * "entries depend on it", and a unique constraint added later is a unique index), and a type only
   * for a column outside the primary key and foreign keys. Other tables referencing this one block
   * it too ({@link #altersReferencedTable}). The rest is refused, so autogenerate rebuilds.
   */
  @Override
  public List<String> alterColumnStatements(Table table, Column from, Column to) {
    boolean retyped = !columnTypeSql(from.type()).equalsIgnoreCase(columnTypeSql(to.type()));
    if ((retyped || from.nullable() != to.nullable()) && hasDependents(table)
        || retyped && keyColumn(table, to.name())) {
      throw new UnsupportedDdlException(
          "duckdb cannot change the type or nullability of "
              + table.qualifiedName()
              + "."
              + to.name()
              + " in place (an index, unique constraint or key depends on it); rebuild the table"
              + " by hand: copy the rows out, drop it, create it again, copy them back");
    }
    return super.alterColumnStatements(table, from, to);
  }

  /** In place on a table without indexes or unique constraints, for a column in no key. */
  @Override
  public List<String> dropColumnStatements(Table table, String column) {
    if (hasDependents(table) || keyColumn(table, column)) {
      throw new UnsupportedDdlException(
          "duckdb cannot drop "
              + table.qualifiedName()
              + "."
              + column
              + " in place (an index, unique constraint or key depends on it); rebuild the table"
              + " by hand: copy the rows out, drop it, create it again, copy them back");
    }
    return super.dropColumnStatements(table, column);
  }

  private boolean hasDependents(Table table) {
    return !table.uniqueConstraints().isEmpty()
        || table.indexes().stream().anyMatch(this::buildsIndex);
  }

  /** Whether {@code column} is in the primary key or a foreign key of {@code table}. */
  private static boolean keyColumn(Table table, String column) {
    return table.primaryKey().stream().anyMatch(column::equalsIgnoreCase)
        || table.foreignKeys().stream()
            .anyMatch(fk -> fk.columns().stream().anyMatch(column::equalsIgnoreCase));
  }

  /** Only a new default: every other change fails while other tables reference the table. */
  @Override
  public boolean altersReferencedTable(Column from, Optional<Column> to) {
    return to.map(
            c ->
                columnTypeSql(from.type()).equalsIgnoreCase(columnTypeSql(c.type()))
                    && from.nullable() == c.nullable())
        .orElse(false);
  }

  @Override
  public Optional<String> rebuildRefusal(Connection c, String schema, Table reflected)
      throws SQLException {
    return new DuckDbRebuildCheck(this).refusal(c, schema, reflected);
  }

  /** No: DuckDB keeps a dropped unique index's name taken until the transaction commits. */
  @Override
  public boolean recreatesUniqueIndexInPlace() {
    return false;
  }

  @Override
  public boolean rebuildsTables() {
    return true;
  }

  /** DuckDB refuses to drop a table other tables reference: they are rebuilt with it. */
  @Override
  public boolean rebuildsReferencingTables() {
    return true;
  }

  @Override
  public List<String> rebuildTableStatements(List<RebuiltTable> tables) {
    return new DuckDbTableRebuild(this).statements(tables);
  }

  /** DuckDB keeps no VARCHAR length: any two text types are the same type. */
  @Override
  public boolean sameColumnType(ColumnType model, ColumnType reflected) {
    return (model.isText() && reflected.isText()) || super.sameColumnType(model, reflected);
  }

  /**
   * No: {@code CREATE INDEX .. WHERE} is not supported, so a live-rows-only index is refused
   * ({@link #liveRowsClause}).
   */
  @Override
  boolean partialIndexes() {
    return false;
  }

  /** After an error DuckDB refuses every statement of the transaction until ROLLBACK. */
  @Override
  public boolean failedStatementAbortsTransaction() {
    return true;
  }

  /** No live-rows-only index can be built here ({@link #partialIndexes}). */
  @Override
  public boolean enforcesUniqueIndex(Index index) {
    return index.whereNull().isEmpty() && super.enforcesUniqueIndex(index);
  }

  /**
   * The table with what the driver does not report read from DuckDB's catalog: its indexes and
   * unique constraints ({@link DuckDbIndexes}) and its foreign keys ({@link DuckDbForeignKeys}).
   */
  @Override
  public Table cleanReflectedTable(Connection c, String schema, Table table) throws SQLException {
    return table
        .withIndexes(DuckDbIndexes.of(c, schema, table.name()))
        .withForeignKeys(DuckDbForeignKeys.of(c, schema, table.name()));
  }

  /**
   * Refused in place, so autogenerate rebuilds the table: a unique constraint of {@code CREATE
   * TABLE} is no index ({@code DROP INDEX} does not find it) and DuckDB's ALTER cannot drop a
   * constraint, and the reflected constraint does not tell which of the two it is.
   */
  @Override
  public List<String> dropUniqueStatements(Table table, UniqueConstraint unique) {
    throw new UnsupportedDdlException(
        "duckdb cannot drop the unique constraint "
            + unique.name()
            + " of "
            + table.qualifiedName()
            + " in place; rebuild the table by hand: copy the rows out, drop it, create it again,"
            + " copy them back");
  }

  /** {@code "Users"} and {@code "users"} are one table here (issue 17). */
  @Override
  public boolean quotedTableNamesIgnoreCase() {
    return true;
  }

  /** Dollar-quoted strings and {@code E'..'} escape strings. */
  @Override
  public SqlSyntax sqlSyntax() {
    return SqlSyntax.DUCKDB;
  }

  @Override
  public Optional<RowEstimate> rowEstimate() {
    return Optional.of(RowEstimates.DUCKDB);
  }
}
