package dev.svcinfra.sql.model;

import java.util.List;
import java.util.Objects;

/**
 * An index over one or more columns of a {@link Table}, optionally unique. An ignore-case index
 * is over {@code lower(column)} for each of its columns, so {@code Ann@x} and {@code ann@X} are
 * the same key; its columns must be text.
 *
 * <pre>{@code
 * Index byEmail = new Index("ix_users_email", List.of("email"), false);
 * Index emailIgnoringCase = new Index("ux_users_email_lower", List.of("email"), true, true);
 * }</pre>
 *
 * @since 0.1
 */
public record Index(String name, List<String> columns, boolean unique, boolean ignoreCase) {
  public Index {
    Objects.requireNonNull(name, "name");
    columns = List.copyOf(columns);
    if (columns.isEmpty()) {
      throw new IllegalArgumentException("index " + name + " needs at least one column");
    }
  }

  /** A plain index: over the columns as they are. */
  public Index(String name, List<String> columns, boolean unique) {
    this(name, columns, unique, false);
  }

  /** The index's key parts as a reader sees them: {@code [email]} or {@code [lower(email)]}. */
  public List<String> keys() {
    return ignoreCase ? columns.stream().map(c -> "lower(" + c + ")").toList() : columns;
  }
}
