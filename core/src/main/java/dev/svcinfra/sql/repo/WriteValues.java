package dev.svcinfra.sql.repo;

import dev.svcinfra.sql.FieldError;
import dev.svcinfra.sql.ValidationException;
import dev.svcinfra.sql.model.ColumnType;
import dev.svcinfra.sql.model.annotation.Generation;
import dev.svcinfra.sql.model.internal.MappedColumn;
import dev.svcinfra.sql.model.internal.TableMapping;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Checks and completes the values of a create or update: unknown fields, wrong types and missing
 * required values are collected into one {@link ValidationException}; library-managed columns
 * (generated UUID id, timestamps, version, soft-delete marker) are filled in; immutable columns are
 * dropped from updates.
 */
final class WriteValues {
  private final TableMapping<?> mapping;

  /** Columns whose values the library sets, in a fixed order (an array: no iterator per call). */
  private final MappedColumn[] managed;

  /** By column position: set by the library ({@link #managed}); never taken from an update. */
  private final boolean[] managedAt;

  private final boolean[] notUpdatable;

  WriteValues(TableMapping<?> mapping, Set<String> immutable) {
    this.mapping = mapping;
    this.managed = managedColumns(mapping).toArray(new MappedColumn[0]);
    List<MappedColumn> columns = mapping.columns();
    this.managedAt = new boolean[columns.size()];
    this.notUpdatable = new boolean[columns.size()];
    for (MappedColumn c : managed) {
      managedAt[c.position()] = true;
    }
    for (MappedColumn c : columns) {
      notUpdatable[c.position()] = managedAt[c.position()] || immutable.contains(c.name());
    }
  }

  /**
   * The columns of an INSERT with their Java values: the given ones in column order, then the
   * library-managed ones.
   */
  WriteRow forCreate(Map<String, ?> input) {
    List<MappedColumn> columns = mapping.columns();
    List<FieldError> errors = new ArrayList<>();
    Object[] coerced = new Object[columns.size()];
    boolean[] present = new boolean[columns.size()];
    coerce(input, coerced, present, errors);
    WriteRow out = new WriteRow(columns.size());
    for (MappedColumn c : columns) {
      if (managedAt[c.position()]) {
        continue;
      }
      boolean given = present[c.position()];
      Object value = coerced[c.position()];
      if (c.column().identity()) {
        // The database numbers identity rows; a number chosen by the caller would collide with
        // the sequence later, so it is ignored like any other generated value.
        given = false;
        value = null;
      }
      if (c == mapping.id() && value == null && mapping.idGeneration() == Generation.UUID) {
        value = c.javaType() == String.class ? UUID.randomUUID().toString() : UUID.randomUUID();
        given = true;
      }
      if (!given && c.javaType().isPrimitive() && !c.column().identity()) {
        // A primitive field always has a value in an instance; a map that leaves it out means
        // the same default (0, false).
        value = c.coerce(c.javaType() == boolean.class ? false : 0);
        given = true;
      }
      boolean invalid =
          !errors.isEmpty() && errors.stream().anyMatch(err -> err.field().equals(c.name()));
      if (value == null
          && !invalid
          && !c.column().nullable()
          && !c.column().identity()
          && c.column().defaultSql().isEmpty()) {
        errors.add(new FieldError(c.name(), FieldError.REQUIRED, "is required"));
        continue;
      }
      if (given && !(value == null && c.column().identity())) {
        out.add(c, value);
      }
    }
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
    Object now = null;
    for (MappedColumn c : managed) {
      if (c == mapping.createdAt().orElse(null) || c == mapping.updatedAt().orElse(null)) {
        now = now(c, now);
        out.add(c, now);
      } else if (c == mapping.version().orElse(null)) {
        out.add(c, c.coerce(1));
      } else if (c == mapping.softDelete().orElse(null)) {
        out.add(c, c.type().kind() == ColumnType.Kind.BOOLEAN ? Boolean.FALSE : null);
      }
    }
    return out;
  }

  /**
   * The SET columns of an UPDATE with their Java values, in column order whatever the input order
   * (equal column sets give equal SQL text); immutable and managed columns left out.
   */
  WriteRow forUpdate(Map<String, ?> input) {
    List<MappedColumn> columns = mapping.columns();
    List<FieldError> errors = new ArrayList<>();
    Object[] coerced = new Object[columns.size()];
    boolean[] present = new boolean[columns.size()];
    coerce(input, coerced, present, errors);
    WriteRow out = new WriteRow(Math.min(input.size(), columns.size()));
    for (MappedColumn c : columns) {
      if (!present[c.position()] || notUpdatable[c.position()]) {
        continue;
      }
      Object value = coerced[c.position()];
      if (value == null && !c.column().nullable()) {
        errors.add(new FieldError(c.name(), FieldError.REQUIRED, "must not be null"));
        continue;
      }
      out.add(c, value);
    }
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
    return out;
  }

  /** The value of the {@code @UpdatedAt} column for an update happening now. */
  Object updatedNow(MappedColumn c) {
    return now(c, null);
  }

  /**
   * Coerces each input value into its column's type, storing it at the column's position and
   * marking it present; problems go to {@code errors} in input order.
   */
  private void coerce(
      Map<String, ?> input, Object[] values, boolean[] present, List<FieldError> errors) {
    for (Map.Entry<String, ?> e : input.entrySet()) {
      MappedColumn c = mapping.column(e.getKey()).orElse(null);
      if (c == null) {
        errors.add(
            new FieldError(
                e.getKey(),
                FieldError.UNKNOWN_FIELD,
                "is not a field of " + mapping.table().name()));
        continue;
      }
      Object value;
      try {
        value = c.coerce(e.getValue());
      } catch (IllegalArgumentException ex) {
        errors.add(new FieldError(c.name(), FieldError.INVALID_TYPE, "expected " + c.expected()));
        continue;
      }
      // Checked here, for every database alike: SQLite and DuckDB do not enforce VARCHAR
      // lengths, and the servers round a decimal to the column's scale or store a lone
      // surrogate as '?' (issue 16). A value that does not fit is refused, naming its field.
      try {
        value = c.fit(value);
      } catch (ValidationException ex) {
        errors.addAll(ex.errors());
        continue;
      }
      values[c.position()] = value;
      present[c.position()] = true;
    }
  }

  /** Columns whose values the library sets, whatever the input says, in a fixed order. */
  private static Set<MappedColumn> managedColumns(TableMapping<?> mapping) {
    Set<MappedColumn> out = new LinkedHashSet<>();
    mapping.createdAt().ifPresent(out::add);
    mapping.updatedAt().ifPresent(out::add);
    mapping.version().ifPresent(out::add);
    mapping.softDelete().ifPresent(out::add);
    return Collections.unmodifiableSet(out);
  }

  /**
   * The current time in the column's type, truncated to microseconds: what every supported database
   * stores, so the returned row equals the stored one.
   */
  private static Object now(MappedColumn c, Object previous) {
    Instant instant =
        previous instanceof Instant i
            ? i
            : previous instanceof OffsetDateTime o
                ? o.toInstant()
                : previous instanceof LocalDateTime l
                    ? l.toInstant(ZoneOffset.UTC)
                    : Instant.now().truncatedTo(ChronoUnit.MICROS);
    Class<?> t = c.javaType();
    if (t == OffsetDateTime.class) {
      return instant.atOffset(ZoneOffset.UTC);
    }
    if (t == LocalDateTime.class) {
      return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
    return instant;
  }
}
