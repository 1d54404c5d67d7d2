package dev.svcinfra.sql.repo;

import dev.svcinfra.sql.SqlStatement;
import dev.svcinfra.sql.model.ColumnType;
import dev.svcinfra.sql.model.Table;
import java.util.ArrayList;
import java.util.List;

/**
 * SQL text under construction with its bind values and their types, in order. A values-only
 * instance collects the binds and drops the text, for statements whose text is already cached:
 * the same calls then fill both, so text and binds cannot disagree.
 */
final class Conditions {
  /** Null in a values-only instance. */
  private final StringBuilder sql;
  private final List<Object> values = new ArrayList<>();
  private final List<ColumnType> types = new ArrayList<>();
  private boolean hasWhere;

  Conditions(String start) {
    this.sql = new StringBuilder(start);
  }

  private Conditions() {
    this.sql = null;
  }

  /** Collects bind values only; {@link #text()} and {@link #statement} are not available. */
  static Conditions valuesOnly() {
    return new Conditions();
  }

  Conditions sql(String text) {
    if (sql != null) {
      sql.append(text);
    }
    return this;
  }

  Conditions value(Object value, ColumnType type) {
    values.add(value);
    types.add(type);
    return this;
  }

  /** Appends {@code WHERE} or {@code AND}, then the predicate. */
  Conditions and(String predicate) {
    if (sql != null) {
      sql.append(hasWhere ? " AND " : " WHERE ").append(predicate);
    }
    hasWhere = true;
    return this;
  }

  /** The predicates after {@code WHERE}, for statements the dialect assembles. */
  String predicates() {
    String text = text().toString();
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
    if (sql == null) {
      throw new IllegalStateException("a values-only Conditions has no text");
    }
    return sql;
  }

  SqlStatement statement(Table table) {
    return new SqlStatement(text().toString(), values.toArray(), types.toArray(new ColumnType[0]),
        table);
  }
}
