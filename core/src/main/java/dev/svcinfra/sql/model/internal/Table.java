package dev.svcinfra.sql.model.internal;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A table as the database sees it, independent of any Java class: what {@link TableMapping} reads
 * from an annotated model, what migrations compare against the live schema, and what each dialect
 * renders as {@code CREATE TABLE}.
 *
 * <pre>{@code
 * Table users = Table.named("users")
 *     .withColumns(List.of(Column.of("id", ColumnType.of(Kind.BIGINT)).asIdentity(),
 *                          Column.of("email", ColumnType.string(320)).notNull()))
 *     .withPrimaryKey(List.of("id"));
 * }</pre>
 *
 * @since 0.1
 */
public record Table(
    Optional<String> schema,
    String name,
    List<Column> columns,
    List<String> primaryKey,
    List<Index> indexes,
    List<UniqueConstraint> uniqueConstraints,
    List<ForeignKey> foreignKeys,
    List<CheckConstraint> checks,
    Optional<String> comment,
    List<String> previousNames) {

  public Table {
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(comment, "comment");
    columns = List.copyOf(columns);
    primaryKey = List.copyOf(primaryKey);
    indexes = List.copyOf(indexes);
    uniqueConstraints = List.copyOf(uniqueConstraints);
    foreignKeys = List.copyOf(foreignKeys);
    checks = List.copyOf(checks);
    previousNames = List.copyOf(previousNames);
    for (String key : primaryKey) {
      if (columns.stream().noneMatch(c -> c.name().equals(key))) {
        throw new IllegalArgumentException(
            "primary key column " + key + " is not a column of " + name);
      }
    }
  }

  /** An empty table named {@code name} in the default schema. */
  public static Table named(String name) {
    return new Table(
        Optional.empty(),
        name,
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        Optional.empty(),
        List.of());
  }

  /** The column named {@code name}, if any. */
  public Optional<Column> column(String columnName) {
    return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
  }

  /**
   * The column named {@code columnName} ignoring case, as index and rebuild DDL name columns; if
   * any.
   */
  public Optional<Column> columnIgnoringCase(String columnName) {
    return columns.stream().filter(c -> c.name().equalsIgnoreCase(columnName)).findFirst();
  }

  /** {@code schema.name} or {@code name}. */
  public String qualifiedName() {
    return schema.map(s -> s + "." + name).orElse(name);
  }

  public Table withSchema(String value) {
    return new Table(
        Optional.ofNullable(value),
        name,
        columns,
        primaryKey,
        indexes,
        uniqueConstraints,
        foreignKeys,
        checks,
        comment,
        previousNames);
  }

  public Table withColumns(List<Column> value) {
    return new Table(
        schema,
        name,
        value,
        primaryKey,
        indexes,
        uniqueConstraints,
        foreignKeys,
        checks,
        comment,
        previousNames);
  }

  public Table withPrimaryKey(List<String> value) {
    return new Table(
        schema,
        name,
        columns,
        value,
        indexes,
        uniqueConstraints,
        foreignKeys,
        checks,
        comment,
        previousNames);
  }

  public Table withIndexes(List<Index> value) {
    return new Table(
        schema,
        name,
        columns,
        primaryKey,
        value,
        uniqueConstraints,
        foreignKeys,
        checks,
        comment,
        previousNames);
  }

  public Table withUniqueConstraints(List<UniqueConstraint> value) {
    return new Table(
        schema,
        name,
        columns,
        primaryKey,
        indexes,
        value,
        foreignKeys,
        checks,
        comment,
        previousNames);
  }

  public Table withForeignKeys(List<ForeignKey> value) {
    return new Table(
        schema,
        name,
        columns,
        primaryKey,
        indexes,
        uniqueConstraints,
        value,
        checks,
        comment,
        previousNames);
  }

  public Table withChecks(List<CheckConstraint> value) {
    return new Table(
        schema,
        name,
        columns,
        primaryKey,
        indexes,
        uniqueConstraints,
        foreignKeys,
        value,
        comment,
        previousNames);
  }

  public Table withComment(String value) {
    return new Table(
        schema,
        name,
        columns,
        primaryKey,
        indexes,
        uniqueConstraints,
        foreignKeys,
        checks,
        Optional.ofNullable(value),
        previousNames);
  }

  public Table withPreviousNames(List<String> value) {
    return new Table(
        schema,
        name,
        columns,
        primaryKey,
        indexes,
        uniqueConstraints,
        foreignKeys,
        checks,
        comment,
        value);
  }
}
