package dev.svcinfra.sql.model.internal;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An index over one or more columns of a {@link Table}, optionally unique. An ignore-case index is
 * over {@code lower(column)} for each of its columns, so {@code Ann@x} and {@code ann@X} are the
 * same key; its columns must be text. A trigram index serves case-insensitive "contains" searches
 * ({@code ILIKE '%ann%'}); PostgreSQL builds it as a GIN index with {@code pg_trgm}, other
 * databases have no such index and leave it out (their dialect's {@code buildsIndex} answers no).
 * It is never unique and never ignore-case: trigram matching through {@code ILIKE} already ignores
 * case. A live-rows-only index ({@code whereNull} present, the soft-delete column) covers only the
 * rows where that column is NULL, so a unique one lets a deleted row's value be used again (issue
 * 21); each dialect renders it as a partial, filtered or generated-column index, or refuses it.
 *
 * <pre>{@code
 * Index byEmail = new Index("ix_users_email", List.of("email"), false);
 * Index emailIgnoringCase = new Index("ux_users_email_lower", List.of("email"), true, true);
 * Index nameSearch = new Index("ix_users_name_trgm", List.of("name"), false, false, true);
 * }</pre>
 *
 * @since 0.1
 */
public record Index(
    String name,
    List<String> columns,
    boolean unique,
    boolean ignoreCase,
    boolean trigram,
    Optional<String> whereNull) {
  public Index {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(whereNull, "whereNull");
    columns = List.copyOf(columns);
    if (trigram && whereNull.isPresent()) {
      throw new IllegalArgumentException(
          "index "
              + name
              + " cannot be both trigram and live-rows-only: trigram indexes serve searches and "
              + "enforce nothing, so they cover every row");
    }
    if (columns.isEmpty()) {
      throw new IllegalArgumentException("index " + name + " needs at least one column");
    }
    if (trigram && unique) {
      throw new IllegalArgumentException(
          "index "
              + name
              + " cannot be both trigram and unique: "
              + "a trigram index is a GIN index, which cannot enforce uniqueness");
    }
    if (trigram && ignoreCase) {
      throw new IllegalArgumentException(
          "index "
              + name
              + " cannot be both trigram and "
              + "ignore-case: trigram search (ILIKE) already ignores case");
    }
  }

  /** An index over every row. */
  public Index(
      String name, List<String> columns, boolean unique, boolean ignoreCase, boolean trigram) {
    this(name, columns, unique, ignoreCase, trigram, Optional.empty());
  }

  /** A plain or ignore-case index. */
  public Index(String name, List<String> columns, boolean unique, boolean ignoreCase) {
    this(name, columns, unique, ignoreCase, false, Optional.empty());
  }

  /** A plain index: over the columns as they are. */
  public Index(String name, List<String> columns, boolean unique) {
    this(name, columns, unique, false, false, Optional.empty());
  }

  /**
   * This index over the rows where {@code column} is NULL (the live rows of a soft-delete table).
   */
  public Index whereNull(String column) {
    return new Index(name, columns, unique, ignoreCase, trigram, Optional.of(column));
  }

  /** Whether both cover the same rows: both every row, or both where the same column is NULL. */
  public boolean sameRows(Index other) {
    return whereNull.isPresent()
        ? other.whereNull.filter(c -> c.equalsIgnoreCase(whereNull.get())).isPresent()
        : other.whereNull.isEmpty();
  }

  /**
   * The index's key parts as a reader sees them: {@code [email]}, or {@code [lower(email)]} for an
   * ignore-case index. A trigram index's keys are its columns.
   */
  public List<String> keys() {
    return ignoreCase ? columns.stream().map(c -> "lower(" + c + ")").toList() : columns;
  }
}
