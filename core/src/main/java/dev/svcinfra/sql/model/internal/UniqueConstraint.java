package dev.svcinfra.sql.model.internal;

import java.util.List;
import java.util.Objects;

/**
 * A named {@code UNIQUE} constraint over one or more columns. Violations surface as {@code
 * conflict} errors naming the constraint and its columns.
 *
 * <pre>{@code
 * UniqueConstraint u = new UniqueConstraint("uq_users_email", List.of("email"));
 * }</pre>
 *
 * @since 0.1
 */
public record UniqueConstraint(String name, List<String> columns) {
  public UniqueConstraint {
    Objects.requireNonNull(name, "name");
    columns = List.copyOf(columns);
    if (columns.isEmpty()) {
      throw new IllegalArgumentException("unique constraint " + name + " needs a column");
    }
  }
}
