package dev.svcinfra.sql.repo;

import dev.svcinfra.sql.FieldError;
import dev.svcinfra.sql.ValidationException;
import dev.svcinfra.sql.model.ColumnType;
import dev.svcinfra.sql.model.internal.MappedColumn;
import dev.svcinfra.sql.model.internal.TableMapping;
import dev.svcinfra.sql.repo.Filter.Operator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A {@link Filter} checked against its column: the operator suits the column's type, the values are
 * there in the right number and are coerced to what the database stores. Every problem of a
 * request's filters is reported together, each naming the filter's parameter.
 */
record BoundFilter(MappedColumn column, Operator operator, List<Object> values) {
  /**
   * The filters bound to the model's columns; a {@link ValidationException} lists every problem.
   */
  static List<BoundFilter> bind(TableMapping<?> mapping, List<Filter> filters) {
    if (filters.isEmpty()) {
      return List.of();
    }
    List<BoundFilter> out = new ArrayList<>(filters.size());
    List<FieldError> errors = new ArrayList<>();
    for (Filter f : filters) {
      MappedColumn c = mapping.column(f.field()).orElse(null);
      if (c == null) {
        errors.add(
            new FieldError(
                f.parameter(),
                FieldError.UNKNOWN_FIELD,
                "is not a field of " + mapping.table().name()));
        continue;
      }
      String problem = operatorProblem(c, f);
      if (problem != null) {
        errors.add(new FieldError(f.parameter(), FieldError.NOT_ALLOWED, problem));
        continue;
      }
      try {
        out.add(new BoundFilter(c, f.operator(), values(c, f)));
      } catch (ValidationException e) {
        errors.addAll(e.errors());
      }
    }
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
    return List.copyOf(out);
  }

  /** Why the operator does not suit the column or takes another number of values, or null. */
  private static String operatorProblem(MappedColumn c, Filter f) {
    Operator op = f.operator();
    int n = f.values().size();
    if (!op.appliesTo(c.type())) {
      return op == Operator.PREFIX
          ? "prefix applies to text fields; " + c.name() + " is " + c.type()
          : op.name().toLowerCase(Locale.ROOT) + " does not apply to " + c.type() + " fields";
    }
    if (op == Operator.IS_NULL || op == Operator.IS_NOT_NULL) {
      return n == 0 ? null : "takes no value";
    }
    if (op == Operator.IN) {
      return n >= 1 && n <= Filter.MAX_IN_VALUES
          ? null
          : "takes 1 to " + Filter.MAX_IN_VALUES + " values, got " + n;
    }
    return n == 1 ? null : "takes one value, got " + n;
  }

  /** The values as the database stores them, each coerced and fitted to the column. */
  private static List<Object> values(MappedColumn c, Filter f) {
    List<Object> out = new ArrayList<>(f.values().size());
    for (Object given : f.values()) {
      out.add(c.toDatabase(value(c, f, given)));
    }
    return out;
  }

  private static Object value(MappedColumn c, Filter f, Object given) {
    String name = f.parameter();
    if (given == null) {
      throw ValidationException.of(
          name, FieldError.REQUIRED, "needs a value; ask for nulls with the is-null operator");
    }
    if (given instanceof String s && s.indexOf('\0') >= 0) {
      // PostgreSQL cannot hold NUL in text and SQLite's LIKE stops at it: refused everywhere,
      // as the search text is (issue 16).
      throw ValidationException.of(
          name, FieldError.INVALID_VALUE, "must not contain the NUL character (U+0000)");
    }
    Object coerced;
    try {
      coerced = c.coerce(given);
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw ValidationException.of(name, FieldError.INVALID_TYPE, "expected " + c.expected());
    }
    if (f.operator() == Operator.PREFIX && ((String) coerced).isEmpty()) {
      throw ValidationException.of(name, FieldError.INVALID_VALUE, "must not be empty");
    }
    try {
      // More digits than a decimal column holds, or text longer than the column, can match no
      // row: refused like a write (issue 16), not compared after rounding or cutting.
      return c.fit(coerced);
    } catch (ValidationException e) {
      throw ValidationException.of(name, FieldError.INVALID_VALUE, e.errors().get(0).message());
    }
  }

  /** ANDs this condition, comparing the bare column, to {@code c}. */
  void apply(TableStatements<?> s, Conditions c) {
    String col = s.quoted(column);
    ColumnType type = column.type();
    switch (operator) {
      case EQ -> c.and(col + " = ?").value(values.get(0), type);
      case NE -> c.and(col + " <> ?").value(values.get(0), type);
      case GT -> c.and(col + " > ?").value(values.get(0), type);
      case GTE -> c.and(col + " >= ?").value(values.get(0), type);
      case LT -> c.and(col + " < ?").value(values.get(0), type);
      case LTE -> c.and(col + " <= ?").value(values.get(0), type);
      case IN -> {
        StringBuilder in = new StringBuilder(col).append(" IN (");
        for (int i = 0; i < values.size(); i++) {
          in.append(i == 0 ? "?" : ", ?");
          c.value(values.get(i), type);
        }
        c.and(in.append(')').toString());
      }
      case IS_NULL -> c.and(col + " IS NULL");
      case IS_NOT_NULL -> c.and(col + " IS NOT NULL");
      case PREFIX ->
          c.and(s.dialect.startsWithIgnoreCase(col))
              .value(s.dialect.prefixPattern((String) values.get(0)), type);
    }
  }
}
