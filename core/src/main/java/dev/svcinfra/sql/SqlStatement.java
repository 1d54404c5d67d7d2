package dev.svcinfra.sql;

import dev.svcinfra.sql.model.ColumnType;
import dev.svcinfra.sql.model.internal.Table;
import dev.svcinfra.sql.model.internal.TableMapping;
import java.util.Arrays;
import java.util.Objects;

/**
 * A generated statement with its bind values and their column types, and the table it touches (so a
 * unique violation can name the field). A {@code null} type binds with {@code setObject}; otherwise
 * the dialect binds the canonical value.
 *
 * <pre>{@code
 * SqlStatement s = SqlStatement.forModel(Account.class,
 *     "UPDATE accounts SET balance = balance + ? WHERE id = ?",
 *     new Object[] {amount, 7L},
 *     new ColumnType[] {ColumnType.of(Account.class, "balance"), ColumnType.of(Kind.BIGINT)});
 * }</pre>
 *
 * @since 0.1
 */
public record SqlStatement(String sql, Object[] values, ColumnType[] types, Table table) {
  public SqlStatement {
    Objects.requireNonNull(sql, "sql");
    Objects.requireNonNull(values, "values");
    Objects.requireNonNull(types, "types");
    if (values.length != types.length) {
      throw new IllegalArgumentException(values.length + " values but " + types.length + " types");
    }
  }

  /**
   * A hand-written statement on the table of the model class {@code model} (an {@code @Table}
   * record or class), so a refusal by the database names the model's field.
   */
  public static SqlStatement forModel(
      Class<?> model, String sql, Object[] values, ColumnType[] types) {
    return new SqlStatement(sql, values, types, TableMapping.of(model).table());
  }

  /** Bind values masked, for logs: {@code [***, ***]}. */
  @Override
  public String toString() {
    return "SqlStatement[" + sql + ", " + values.length + " values]";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SqlStatement s
        && s.sql.equals(sql)
        && Arrays.equals(s.values, values)
        && Arrays.equals(s.types, types)
        && Objects.equals(s.table, table);
  }

  @Override
  public int hashCode() {
    return sql.hashCode() * 31 + Arrays.hashCode(values);
  }
}
