package dev.svcinfra.sql.repo;

import dev.svcinfra.sql.RowMapper;
import dev.svcinfra.sql.dialect.Dialect;
import dev.svcinfra.sql.model.ColumnType;
import dev.svcinfra.sql.model.MappedColumn;
import dev.svcinfra.sql.model.TableMapping;
import java.util.List;
import java.util.Map;

/**
 * The SQL of one repository for one dialect: quoted names and the column list computed once,
 * conditions for liveness (soft delete) and scopes, ordering with the id as tie-breaker, and the
 * row mapper. Every value is a bind parameter; identifiers come only from model metadata.
 */
final class RepositorySql<T> {
  final Dialect dialect;
  final TableMapping<T> mapping;
  final String table;
  final String columnList;
  final List<String> quotedColumns;
  final String quotedId;
  final RowMapper<T> rowMapper;
  /** {@code SELECT .. WHERE id = ? [AND live]}: the most frequent query, built once. */
  final String selectLiveById;
  private final MappedColumn[] columns;

  RepositorySql(Dialect dialect, TableMapping<T> mapping) {
    this.dialect = dialect;
    this.mapping = mapping;
    this.table = dialect.tableName(mapping.table().schema(), mapping.table().name());
    this.quotedColumns = mapping.columns().stream().map(c -> dialect.quote(c.name())).toList();
    this.columnList = String.join(", ", quotedColumns);
    this.quotedId = dialect.quote(mapping.id().name());
    this.columns = mapping.columns().toArray(new MappedColumn[0]);
    Conditions byId = select();
    byId.and(quotedId + " = ?");
    live(byId);
    this.selectLiveById = byId.text().toString();
    this.rowMapper = rs -> {
      Object[] values = new Object[columns.length];
      for (int i = 0; i < columns.length; i++) {
        values[i] = columns[i].toJava(dialect.read(rs, i + 1, columns[i].type()));
      }
      return mapping.newInstance(values);
    };
  }

  Conditions select() {
    return new Conditions("SELECT " + columnList + " FROM " + table);
  }

  Conditions count() {
    return new Conditions("SELECT COUNT(*) FROM " + table);
  }

  /** Only rows that are not soft-deleted. */
  void live(Conditions c) {
    mapping.softDelete().ifPresent(sd -> {
      if (sd.type().kind() == ColumnType.Kind.BOOLEAN) {
        c.and(dialect.quote(sd.name()) + " = ?").value(Boolean.FALSE, sd.type());
      } else {
        c.and(dialect.quote(sd.name()) + " IS NULL");
      }
    });
  }

  /** The scope's equality conditions (already checked and coerced). */
  void scope(Conditions c, Map<MappedColumn, Object> scope) {
    for (Map.Entry<MappedColumn, Object> e : scope.entrySet()) {
      MappedColumn col = e.getKey();
      if (e.getValue() == null) {
        c.and(dialect.quote(col.name()) + " IS NULL");
      } else {
        c.and(dialect.quote(col.name()) + " = ?").value(col.toDatabase(e.getValue()), col.type());
      }
    }
  }

  void byId(Conditions c, Object id) {
    MappedColumn idColumn = mapping.id();
    c.and(quotedId + " = ?").value(idColumn.toDatabase(id), idColumn.type());
  }

  /** ORDER BY the given columns, then the id (unless already named) for a stable order. */
  void orderBy(Conditions c, List<OrderBy> order) {
    StringBuilder sql = c.text().append(" ORDER BY ");
    boolean idSeen = false;
    for (OrderBy o : order) {
      sql.append(dialect.quote(o.column().name())).append(o.descending() ? " DESC" : " ASC")
          .append(", ");
      idSeen |= o.column() == mapping.id();
    }
    if (idSeen) {
      sql.setLength(sql.length() - 2);
    } else {
      sql.append(quotedId).append(" ASC");
    }
  }

  void page(Conditions c, int limit, long offset) {
    dialect.appendLimitOffset(c.text(), limit, offset, true);
  }
}
