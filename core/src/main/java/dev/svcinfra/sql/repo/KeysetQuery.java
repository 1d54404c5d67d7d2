package dev.svcinfra.sql.repo;

import dev.svcinfra.sql.FieldError;
import dev.svcinfra.sql.Transaction;
import dev.svcinfra.sql.ValidationException;
import dev.svcinfra.sql.model.internal.MappedColumn;
import java.util.List;
import java.util.Optional;

/**
 * Keyset pagination: rows strictly after the cursor's (sort value, id) in the sort order, one more
 * than asked to learn whether a next slice exists. The comparison is spelled out with OR rather
 * than a row-value comparison, which not every dialect has.
 */
final class KeysetQuery {
  private KeysetQuery() {}

  static <T> Slice<T> slice(
      Transaction tx,
      TableStatements<T> s,
      Criteria scope,
      String cursor,
      int limit,
      OrderBy order) {
    MappedColumn col = order.column();
    MappedColumn id = s.mapping.id();
    if (col.column().nullable()) {
      throw ValidationException.of(
          "order_by",
          FieldError.NOT_ALLOWED,
          "keyset pagination needs " + "a NOT NULL field; " + col.name() + " may be null");
    }
    Conditions c = s.select();
    s.live(c);
    s.scope(c, scope);
    if (cursor != null && !cursor.isBlank()) {
      Object[] after = Cursor.decode(cursor, col, id);
      String cmp = order.descending() ? " < ?" : " > ?";
      String qc = s.quoted(col);
      if (col == id) {
        c.and(s.quotedId + cmp).value(id.toDatabase(after[1]), id.type());
      } else {
        c.and("(" + qc + cmp + " OR (" + qc + " = ? AND " + s.quotedId + cmp + "))")
            .value(col.toDatabase(after[0]), col.type())
            .value(col.toDatabase(after[0]), col.type())
            .value(id.toDatabase(after[1]), id.type());
      }
    }
    // Both keys are NOT NULL (checked above), so the terms are plain and agree with the
    // strict comparisons of the predicate.
    StringBuilder text = c.text().append(" ORDER BY ").append(s.orderTerm(order));
    if (col != id) {
      text.append(", ").append(s.dialect.orderTerm(s.quotedId, order.descending(), false));
    }
    s.page(c, limit + 1, 0);
    List<T> rows = tx.query(c.statement(s.mapping.table()), s.rowMapper);
    if (rows.size() <= limit) {
      return new Slice<>(rows, Optional.empty(), limit);
    }
    List<T> items = rows.subList(0, limit);
    T last = items.get(limit - 1);
    return new Slice<>(
        items, Optional.of(Cursor.encode(col.name(), col.get(last), id.get(last))), limit);
  }
}
