package dev.svcinfra.sql.repo;

import dev.svcinfra.sql.SqlStatement;
import dev.svcinfra.sql.model.ColumnType;
import dev.svcinfra.sql.model.internal.Table;
import java.util.Arrays;

/**
 * SQL text under construction with its bind values and their types, in order. A values-only
 * instance collects the binds and drops the text, for statements whose text is already cached: the
 * same calls then fill both, so text and binds cannot disagree.
 */
final class Conditions {
  /** Null in a values-only instance. */
  private final StringBuilder sql;

  // Two small arrays rather than lists: most statements bind one to three values.
  private Object[] values = new Object[4];
  private ColumnType[] types = new ColumnType[4];
  private int size;
  private boolean hasWhere;

  Conditions(String start) {
    // Room for a WHERE clause, ORDER BY and paging without growing the buffer on the way.
    this.sql = new StringBuilder(start.length() + 128).append(start);
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
    if (size == values.length) {
      values = Arrays.copyOf(values, size * 2);
      types = Arrays.copyOf(types, size * 2);
    }
    values[size] = value;
    types[size++] = type;
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

  /** How many values are bound. */
  int size() {
    return size;
  }

  /**
   * Copies the bind values and their types into {@code binds} and {@code bindTypes} from position
   * {@code at}; returns the position after the last one.
   */
  int copyInto(Object[] binds, ColumnType[] bindTypes, int at) {
    System.arraycopy(values, 0, binds, at, size);
    System.arraycopy(types, 0, bindTypes, at, size);
    return at + size;
  }

  StringBuilder text() {
    if (sql == null) {
      throw new IllegalStateException("a values-only Conditions has no text");
    }
    return sql;
  }

  SqlStatement statement(Table table) {
    return new SqlStatement(
        text().toString(), Arrays.copyOf(values, size), Arrays.copyOf(types, size), table);
  }
}
