package dev.svcinfra.sql.model;

import java.util.List;
import java.util.Objects;

/**
 * An index over one or more columns of a {@link Table}, optionally unique.
 *
 * <pre>{@code
 * Index byEmail = new Index("ix_users_email", List.of("email"), false);
 * }</pre>
 *
 * @since 0.1
 */
public record Index(String name, List<String> columns, boolean unique) {
  public Index {
    Objects.requireNonNull(name, "name");
    columns = List.copyOf(columns);
    if (columns.isEmpty()) {
      throw new IllegalArgumentException("index " + name + " needs at least one column");
    }
  }
}
