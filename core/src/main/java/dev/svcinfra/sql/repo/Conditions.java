package dev.svcinfra.sql.repo;

import dev.svcinfra.sql.SqlStatement;
import dev.svcinfra.sql.model.ColumnType;
import dev.svcinfra.sql.model.Table;
import java.util.ArrayList;
import java.util.List;

/** SQL text under construction with its bind values and their types, in order. */
final class Conditions {
  private final StringBuilder sql;
  private final List<Object> values = new ArrayList<>();
  private final List<ColumnType> types = new ArrayList<>();
  private boolean hasWhere;

  Conditions(String start) {
    this.sql = new StringBuilder(start);
  }

  Conditions sql(String text) {
    sql.append(text);
    return this;
  }

  Conditions value(Object value, ColumnType type) {
    values.add(value);
    types.add(type);
    return this;
  }

  /** Appends {@code WHERE} or {@code AND}, then the predicate. */
  Conditions and(String predicate) {
    sql.append(hasWhere ? " AND " : " WHERE ").append(predicate);
    hasWhere = true;
    return this;
  }

  /** The predicates after {@code WHERE}, for statements the dialect assembles. */
  String predicates() {
    String text = sql.toString();
    int at = text.indexOf(" WHERE ");
    return at < 0 ? "1 = 1" : text.substring(at + " WHERE ".length());
  }

  List<Object> values() {
    return values;
  }

  List<ColumnType> types() {
    return types;
  }

  StringBuilder text() {
    return sql;
  }

  SqlStatement statement(Table table) {
    return new SqlStatement(sql.toString(), values.toArray(), types.toArray(new ColumnType[0]),
        table);
  }
}
