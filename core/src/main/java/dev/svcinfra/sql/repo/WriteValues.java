package dev.svcinfra.sql.repo;

import dev.svcinfra.sql.FieldError;
import dev.svcinfra.sql.ValidationException;
import dev.svcinfra.sql.model.ColumnType;
import dev.svcinfra.sql.model.MappedColumn;
import dev.svcinfra.sql.model.TableMapping;
import dev.svcinfra.sql.model.annotation.Generation;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Checks and completes the values of a create or update: unknown fields, wrong types and missing
 * required values are collected into one {@link ValidationException}; library-managed columns
 * (generated UUID id, timestamps, version, soft-delete marker) are filled in; immutable columns
 * are dropped from updates.
 */
final class WriteValues {
  private final TableMapping<?> mapping;
  private final Set<String> immutable;

  WriteValues(TableMapping<?> mapping, Set<String> immutable) {
    this.mapping = mapping;
    this.immutable = immutable;
  }

  /** Column to Java value for an INSERT, in column order. */
  Map<MappedColumn, Object> forCreate(Map<String, ?> input) {
    List<FieldError> errors = new ArrayList<>();
    Map<MappedColumn, Object> coerced = coerce(input, errors);
    Map<MappedColumn, Object> out = new LinkedHashMap<>();
    Set<MappedColumn> managed = managedColumns();
    for (MappedColumn c : mapping.columns()) {
      if (managed.contains(c)) {
        continue;
      }
      boolean given = coerced.containsKey(c);
      Object value = coerced.get(c);
      if (c == mapping.id() && value == null && mapping.idGeneration() == Generation.UUID) {
        value = c.javaType() == String.class ? UUID.randomUUID().toString() : UUID.randomUUID();
        given = true;
      }
      if (!given && c.javaType().isPrimitive() && !c.column().identity()) {
        // A primitive field always has a value in an instance; a map that leaves it out means
        // the same default (0, false).
        value = c.coerce(c.javaType() == boolean.class ? Boolean.FALSE : 0);
        given = true;
      }
      boolean invalid = errors.stream().anyMatch(err -> err.field().equals(c.name()));
      if (value == null && !invalid && !c.column().nullable() && !c.column().identity()
          && c.column().defaultSql().isEmpty()) {
        errors.add(new FieldError(c.name(), FieldError.REQUIRED, "is required"));
        continue;
      }
      if (given && !(value == null && c.column().identity())) {
        out.put(c, value);
      }
    }
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
    Object now = null;
    for (MappedColumn c : managed) {
      if (c == mapping.createdAt().orElse(null) || c == mapping.updatedAt().orElse(null)) {
        out.put(c, now = now(c, now));
      } else if (c == mapping.version().orElse(null)) {
        out.put(c, c.coerce(1));
      } else if (c == mapping.softDelete().orElse(null)) {
        out.put(c, c.type().kind() == ColumnType.Kind.BOOLEAN ? Boolean.FALSE : null);
      }
    }
    return out;
  }

  /** Column to Java value for an UPDATE's SET; immutable and managed columns left out. */
  Map<MappedColumn, Object> forUpdate(Map<String, ?> input) {
    List<FieldError> errors = new ArrayList<>();
    Map<MappedColumn, Object> coerced = coerce(input, errors);
    Map<MappedColumn, Object> out = new LinkedHashMap<>();
    Set<MappedColumn> managed = managedColumns();
    for (Map.Entry<MappedColumn, Object> e : coerced.entrySet()) {
      MappedColumn c = e.getKey();
      if (immutable.contains(c.name()) || managed.contains(c)) {
        continue;
      }
      if (e.getValue() == null && !c.column().nullable()) {
        errors.add(new FieldError(c.name(), FieldError.REQUIRED, "must not be null"));
        continue;
      }
      out.put(c, e.getValue());
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

  private Map<MappedColumn, Object> coerce(Map<String, ?> input, List<FieldError> errors) {
    Map<MappedColumn, Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, ?> e : input.entrySet()) {
      MappedColumn c = mapping.column(e.getKey()).orElse(null);
      if (c == null) {
        errors.add(new FieldError(e.getKey(), FieldError.UNKNOWN_FIELD, "is not a field of "
            + mapping.table().name()));
        continue;
      }
      try {
        out.put(c, c.coerce(e.getValue()));
      } catch (IllegalArgumentException ex) {
        errors.add(new FieldError(c.name(), FieldError.INVALID_TYPE, "expected " + c.expected()));
      }
    }
    return out;
  }

  /** Columns whose values the library sets, whatever the input says. */
  private Set<MappedColumn> managedColumns() {
    Set<MappedColumn> out = new java.util.LinkedHashSet<>();
    mapping.createdAt().ifPresent(out::add);
    mapping.updatedAt().ifPresent(out::add);
    mapping.version().ifPresent(out::add);
    mapping.softDelete().ifPresent(out::add);
    return out;
  }

  /**
   * The current time in the column's type, truncated to microseconds: what every supported
   * database stores, so the returned row equals the stored one.
   */
  private static Object now(MappedColumn c, Object previous) {
    Instant instant = previous instanceof Instant i ? i
        : previous instanceof OffsetDateTime o ? o.toInstant()
        : previous instanceof LocalDateTime l ? l.toInstant(ZoneOffset.UTC)
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
