package dev.svcinfra.sql.repo;

import dev.svcinfra.sql.RowMapper;
import dev.svcinfra.sql.SqlStatement;
import dev.svcinfra.sql.dialect.Dialect;
import dev.svcinfra.sql.model.ColumnType;
import dev.svcinfra.sql.model.internal.MappedColumn;
import dev.svcinfra.sql.model.internal.TableMapping;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds the SQL statements of one {@link SqlRepository}'s table in one dialect: quoted names and
 * the column list computed once, conditions for liveness (soft delete) and scopes, ordering with
 * the id as tie-breaker, and the row mapper. Every value is a bind parameter; identifiers come only
 * from model metadata. (Called {@code RepositorySql} before issue 17, a name that read like its
 * neighbour's.)
 */
final class TableStatements<T> {
  final Dialect dialect;
  final TableMapping<T> mapping;
  final String table;
  final String columnList;
  final List<String> quotedColumns;
  final String quotedId;

  /** {@code "id" = ?}, the predicate of every by-id statement. */
  private final String idPredicate;

  final RowMapper<T> rowMapper;

  /** {@code SELECT .. WHERE id = ? [AND live]}: the most frequent query, built once. */
  private final String selectLiveByIdText;

  /** {@code "deleted" = ?} or {@code "deleted_at" IS NULL}; null without soft delete. */
  private final String livePredicate;

  /** The soft-delete column when liveness binds a FALSE marker (a boolean column), else null. */
  private final MappedColumn liveFlag;

  /** The version column, and {@code "version" = ?} for optimistic updates; null without one. */
  private final MappedColumn version;

  private final String versionPredicate;
  private final MappedColumn updatedAt;

  /** {@code SELECT <columns> FROM <table>} and {@code SELECT COUNT(*) FROM <table>}. */
  private final String selectPrefix;

  private final String countPrefix;

  /** {@code SELECT 1 FROM <table>}: the rows a list matches, for estimates and bounded counts. */
  private final String rowsPrefix;

  private final MappedColumn[] columns;
  private final ColumnType[] columnTypes;
  private final TextCache inserts = new TextCache();
  private final TextCache updates = new TextCache();

  TableStatements(Dialect dialect, TableMapping<T> mapping) {
    this.dialect = dialect;
    this.mapping = mapping;
    this.table = dialect.tableName(mapping.table().schema(), mapping.table().name());
    this.quotedColumns = mapping.columns().stream().map(c -> dialect.quote(c.name())).toList();
    this.columnList = String.join(", ", quotedColumns);
    this.quotedId = dialect.quote(mapping.id().name());
    this.idPredicate = quotedId + " = ?";
    this.selectPrefix = "SELECT " + columnList + " FROM " + table;
    this.countPrefix = "SELECT COUNT(*) FROM " + table;
    this.rowsPrefix = "SELECT 1 FROM " + table;
    this.columns = mapping.columns().toArray(new MappedColumn[0]);
    this.columnTypes = new ColumnType[columns.length];
    // A record's primitive component becomes 0/false for NULL anyway (TableMapping.newInstance);
    // a class's primitive field keeps its initializer then, so it still needs the NULL check.
    boolean[] zeroForNull = new boolean[columns.length];
    for (int i = 0; i < columns.length; i++) {
      columnTypes[i] = columns[i].type();
      zeroForNull[i] = mapping.type().isRecord() && columns[i].javaType().isPrimitive();
    }
    MappedColumn softDelete = mapping.softDelete().orElse(null);
    boolean flag = softDelete != null && softDelete.type().kind() == ColumnType.Kind.BOOLEAN;
    this.liveFlag = flag ? softDelete : null;
    this.livePredicate =
        softDelete == null ? null : dialect.quote(softDelete.name()) + (flag ? " = ?" : " IS NULL");
    this.version = mapping.version().orElse(null);
    this.versionPredicate = version == null ? null : dialect.quote(version.name()) + " = ?";
    this.updatedAt = mapping.updatedAt().orElse(null);
    Conditions byId = select();
    byId.and(idPredicate);
    live(byId);
    this.selectLiveByIdText = byId.text().toString();
    this.rowMapper =
        rs -> {
          Object[] values = new Object[columns.length];
          for (int i = 0; i < columns.length; i++) {
            Object canonical =
                zeroForNull[i]
                    ? dialect.readZeroForNull(rs, i + 1, columnTypes[i])
                    : dialect.read(rs, i + 1, columnTypes[i]);
            values[i] = columns[i].toJava(canonical);
          }
          return mapping.newInstance(values);
        };
  }

  /** The live row with this id (unscoped): the prebuilt text, binds straight into arrays. */
  SqlStatement selectLiveById(Object id) {
    MappedColumn idColumn = mapping.id();
    Object key = idColumn.toDatabase(id);
    if (liveFlag == null) {
      return new SqlStatement(
          selectLiveByIdText,
          new Object[] {key},
          new ColumnType[] {idColumn.type()},
          mapping.table());
    }
    return new SqlStatement(
        selectLiveByIdText,
        new Object[] {key, false},
        new ColumnType[] {idColumn.type(), liveFlag.type()},
        mapping.table());
  }

  /** INSERT text for the columns of {@code row} (in its order), built once per column set. */
  String insert(WriteRow row) {
    String text = inserts.find(row, false);
    if (text != null) {
      return text;
    }
    List<String> quoted = new ArrayList<>(row.size());
    for (int i = 0; i < row.size(); i++) {
      quoted.add(dialect.quote(row.column(i).name()));
    }
    return inserts.put(row, false, dialect.insertStatement(table, quoted, quotedColumns));
  }

  /**
   * {@code UPDATE .. SET <set>[, updated_at = ?][, version = version + 1] WHERE id = ? AND live AND
   * scope [AND version = ?]}, returning the row where the dialect can. The bind values go straight
   * into arrays of their final size: this runs on every update.
   */
  SqlStatement updateById(
      WriteRow set,
      Object updatedNow,
      Object id,
      Criteria scope,
      Object expectedVersion,
      List<Object> tagVersions) {
    boolean versioned = version != null && expectedVersion != null;
    // The WHERE clause varies with the scope and the tags; only unscoped, unconditional updates
    // share cached text, and for them the clause is only built when the cache misses.
    boolean cacheable = scope.isEmpty() && tagVersions == null;
    String cached = cacheable ? updates.find(set, versioned) : null;
    Conditions c = cached != null ? Conditions.valuesOnly() : new Conditions("");
    whereById(c, id, scope, versioned ? expectedVersion : null);
    if (tagVersions != null) {
      versionIn(c, tagVersions);
    }
    int n = set.size() + (updatedAt == null ? 0 : 1) + c.size();
    Object[] binds = new Object[n];
    ColumnType[] types = new ColumnType[n];
    int i = set.bindInto(binds, types, 0);
    if (updatedAt != null) {
      binds[i] = updatedAt.toDatabase(updatedNow);
      types[i++] = updatedAt.type();
    }
    c.copyInto(binds, types, i);
    String sql = cached;
    if (sql == null) {
      sql = dialect.updateStatement(table, assignments(set), c.predicates(), quotedColumns);
      if (cacheable) {
        updates.put(set, versioned, sql);
      }
    }
    return new SqlStatement(sql, binds, types, mapping.table());
  }

  /** {@code id = ? AND live AND scope [AND version = ?]} with their binds. */
  private void whereById(Conditions c, Object id, Criteria scope, Object expectedVersion) {
    byId(c, id);
    live(c);
    scope(c, scope);
    if (expectedVersion != null) {
      c.and(versionPredicate).value(version.toDatabase(expectedVersion), version.type());
    }
  }

  /**
   * {@code UPDATE .. SET <soft-delete> = ?} with {@code softDeleteMarker}, or {@code DELETE} when
   * it is null, of the live row with this id in the scope [whose version is one of {@code
   * versions}].
   */
  SqlStatement deleteById(
      Object id, Criteria scope, Object softDeleteMarker, List<Object> versions) {
    MappedColumn sd = mapping.softDelete().orElse(null);
    Conditions c =
        sd == null
            ? new Conditions("DELETE FROM " + table)
            : new Conditions("UPDATE " + table + " SET " + dialect.quote(sd.name()) + " = ?")
                .value(softDeleteMarker, sd.type());
    byId(c, id);
    live(c);
    scope(c, scope);
    if (versions != null) {
      versionIn(c, versions);
    }
    return c.statement(mapping.table());
  }

  /**
   * {@code UPDATE .. SET <soft-delete> = NULL (or false)[, updated_at = ?][, version = version + 1]
   * WHERE id = ? AND <deleted> AND scope}, returning the row where the dialect can: the restore of
   * a soft-deleted row, stamped like any other write.
   */
  SqlStatement restoreById(Object id, Criteria scope, Object updatedNow) {
    MappedColumn sd = mapping.softDelete().orElseThrow();
    Conditions set = Conditions.valuesOnly();
    StringBuilder assignments = new StringBuilder(dialect.quote(sd.name()));
    if (liveFlag != null) {
      assignments.append(" = ?");
      set.value(false, sd.type());
    } else {
      assignments.append(" = NULL");
    }
    if (updatedAt != null) {
      assignments.append(", ").append(dialect.quote(updatedAt.name())).append(" = ?");
      set.value(updatedAt.toDatabase(updatedNow), updatedAt.type());
    }
    if (version != null) {
      String v = dialect.quote(version.name());
      assignments.append(", ").append(v).append(" = ").append(v).append(" + 1");
    }
    Conditions where = new Conditions("");
    byId(where, id);
    if (liveFlag != null) {
      where.and(dialect.quote(sd.name()) + " = ?").value(true, sd.type());
    } else {
      where.and(dialect.quote(sd.name()) + " IS NOT NULL");
    }
    scope(where, scope);
    Object[] binds = new Object[set.size() + where.size()];
    ColumnType[] types = new ColumnType[binds.length];
    set.copyInto(binds, types, 0);
    where.copyInto(binds, types, set.size());
    return new SqlStatement(
        dialect.updateStatement(table, assignments.toString(), where.predicates(), quotedColumns),
        binds,
        types,
        mapping.table());
  }

  /** {@code version IN (?, ..)}: the row's version is one of the expected ones. */
  void versionIn(Conditions c, List<Object> versions) {
    StringBuilder in = new StringBuilder(dialect.quote(version.name())).append(" IN (");
    for (int i = 0; i < versions.size(); i++) {
      in.append(i == 0 ? "?" : ", ?");
      c.value(version.toDatabase(versions.get(i)), version.type());
    }
    c.and(in.append(')').toString());
  }

  /** The live row with this id in the scope, read with the dialect's locking read. */
  SqlStatement selectForUpdate(Object id, Criteria scope) {
    Conditions c = new Conditions("");
    byId(c, id);
    live(c);
    scope(c, scope);
    Object[] binds = new Object[c.size()];
    ColumnType[] types = new ColumnType[c.size()];
    c.copyInto(binds, types, 0);
    return new SqlStatement(
        dialect.selectForUpdate(table, columnList, c.predicates()), binds, types, mapping.table());
  }

  /** {@code a = ?, b = ?[, updated_at = ?][, version = version + 1]}. */
  private String assignments(WriteRow set) {
    StringBuilder sql = new StringBuilder();
    for (int i = 0; i < set.size(); i++) {
      MappedColumn c = set.column(i);
      sql.append(sql.length() == 0 ? "" : ", ").append(dialect.quote(c.name())).append(" = ?");
    }
    if (updatedAt != null) {
      sql.append(sql.length() == 0 ? "" : ", ")
          .append(dialect.quote(updatedAt.name()))
          .append(" = ?");
    }
    if (version != null) {
      String v = dialect.quote(version.name());
      sql.append(sql.length() == 0 ? "" : ", ").append(v).append(" = ").append(v).append(" + 1");
    }
    return sql.toString();
  }

  /** The column's quoted name, computed once (by column position). */
  String quoted(MappedColumn column) {
    return quotedColumns.get(column.position());
  }

  Conditions select() {
    return new Conditions(selectPrefix);
  }

  Conditions count() {
    return new Conditions(countPrefix);
  }

  Conditions rows() {
    return new Conditions(rowsPrefix);
  }

  /** Only rows that are not soft-deleted. */
  void live(Conditions c) {
    if (livePredicate != null) {
      c.and(livePredicate);
      if (liveFlag != null) {
        c.value(false, liveFlag.type());
      }
    }
  }

  /** The scope's equality conditions and filters (already checked and coerced). */
  void scope(Conditions c, Criteria scope) {
    for (Map.Entry<MappedColumn, Object> e : scope.equals().entrySet()) {
      MappedColumn col = e.getKey();
      if (e.getValue() == null) {
        c.and(quoted(col) + " IS NULL");
      } else {
        c.and(quoted(col) + " = ?").value(col.toDatabase(e.getValue()), col.type());
      }
    }
    for (BoundFilter f : scope.filters()) {
      f.apply(this, c);
    }
  }

  void byId(Conditions c, Object id) {
    MappedColumn idColumn = mapping.id();
    c.and(idPredicate).value(idColumn.toDatabase(id), idColumn.type());
  }

  /**
   * ORDER BY the given columns, then the id (unless already named) for a stable order. NULLs sort
   * as larger than any value on every dialect ({@code Dialect.orderTerm}).
   */
  void orderBy(Conditions c, List<OrderBy> order) {
    StringBuilder sql = c.text().append(" ORDER BY ");
    boolean idSeen = false;
    for (OrderBy o : order) {
      sql.append(orderTerm(o)).append(", ");
      idSeen |= o.column() == mapping.id();
    }
    if (idSeen) {
      sql.setLength(sql.length() - 2);
    } else {
      sql.append(dialect.orderTerm(quotedId, false, false));
    }
  }

  /** One column's ORDER BY term in this dialect's NULL order. */
  String orderTerm(OrderBy o) {
    return dialect.orderTerm(quoted(o.column()), o.descending(), o.column().column().nullable());
  }

  void page(Conditions c, int limit, long offset) {
    dialect.appendLimitOffset(c.text(), limit, offset, true);
  }
}
