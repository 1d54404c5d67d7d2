package dev.svcinfra.sql;

import dev.svcinfra.sql.model.ColumnType;
import dev.svcinfra.sql.model.Table;
import java.util.Arrays;
import java.util.Objects;

/**
 * A generated statement with its bind values and their column types, and the table it touches (so a
 * unique violation can name the field). A {@code null} type binds with {@code setObject}; otherwise
 * the dialect binds the canonical value.
 *
 * <pre>{@code
 * SqlStatement s = new SqlStatement("SELECT ... WHERE \"id\" = ?", new Object[] {7L},
 *     new ColumnType[] {ColumnType.of(Kind.BIGINT)}, usersTable);
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
