package dev.svcinfra.sql.model.internal;

import dev.svcinfra.sql.model.annotation.Generation;
import java.lang.invoke.MethodHandle;
import java.lang.reflect.Array;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An annotated record or class read once into a {@link Table} plus everything row mapping needs:
 * the columns in field order with precomputed accessors, the constructor as a method handle, and
 * the roles of special columns (id, soft delete, tenant, timestamps, version).
 *
 * <pre>{@code
 * TableMapping<User> users = TableMapping.of(User.class);   // cached per class
 * Table table = users.table();
 * User u = users.newInstance(new Object[] {1L, "a@example.com", ...});
 * }</pre>
 *
 * <p>Reading a model fails with an {@link IllegalArgumentException} naming the class and field when
 * the annotations contradict each other or a type has no column mapping.
 *
 * @since 0.1
 */
public final class TableMapping<T> {
  private static final ClassValue<TableMapping<?>> CACHE =
      new ClassValue<>() {
        @Override
        protected TableMapping<?> computeValue(Class<?> type) {
          return ModelReader.read(type);
        }
      };

  private final Class<T> type;
  private final Table table;
  private final List<MappedColumn> columns;
  private final Map<String, MappedColumn> byName;
  private final Roles roles;
  private final MethodHandle creator;
  private final List<MethodHandle> setters;
  private final int[] primitivePositions;
  private final Object[] primitiveDefaults;

  /** The special columns of a model; the id is required, the others optional. */
  record Roles(
      MappedColumn id,
      Generation idGeneration,
      MappedColumn softDelete,
      MappedColumn tenant,
      MappedColumn createdAt,
      MappedColumn updatedAt,
      MappedColumn version,
      Set<String> immutable) {}

  TableMapping(
      Class<T> type,
      Table table,
      List<MappedColumn> columns,
      Roles roles,
      MethodHandle creator,
      List<MethodHandle> setters) {
    this.type = type;
    this.table = table;
    this.columns = List.copyOf(columns);
    this.roles = roles;
    this.creator = creator;
    this.setters = setters;
    Map<String, MappedColumn> names = new HashMap<>();
    columns.forEach(c -> names.put(c.name(), c));
    this.byName = Map.copyOf(names);
    this.primitivePositions =
        columns.stream()
            .filter(c -> c.javaType().isPrimitive())
            .mapToInt(MappedColumn::position)
            .toArray();
    this.primitiveDefaults = new Object[columns.size()];
    for (int p : primitivePositions) {
      primitiveDefaults[p] = Array.get(Array.newInstance(columns.get(p).javaType(), 1), 0);
    }
  }

  /** The mapping of {@code type}, read on first use and cached for the life of the class. */
  @SuppressWarnings("unchecked")
  public static <T> TableMapping<T> of(Class<T> type) {
    return (TableMapping<T>) CACHE.get(type);
  }

  public Class<T> type() {
    return type;
  }

  public Table table() {
    return table;
  }

  /** Every column, in field order. */
  public List<MappedColumn> columns() {
    return columns;
  }

  public Optional<MappedColumn> column(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  public MappedColumn id() {
    return roles.id();
  }

  public Generation idGeneration() {
    return roles.idGeneration();
  }

  public Optional<MappedColumn> softDelete() {
    return Optional.ofNullable(roles.softDelete());
  }

  public Optional<MappedColumn> tenant() {
    return Optional.ofNullable(roles.tenant());
  }

  public Optional<MappedColumn> createdAt() {
    return Optional.ofNullable(roles.createdAt());
  }

  public Optional<MappedColumn> updatedAt() {
    return Optional.ofNullable(roles.updatedAt());
  }

  public Optional<MappedColumn> version() {
    return Optional.ofNullable(roles.version());
  }

  /**
   * Columns ignored on update: the id, created/updated timestamps, the tenant, the version (the
   * library maintains it) and fields marked {@code @Immutable}.
   */
  public Set<String> immutableColumns() {
    return roles.immutable();
  }

  /**
   * A new instance from Java values in {@link #columns()} order (already converted with {@link
   * MappedColumn#toJava}).
   */
  @SuppressWarnings("unchecked")
  public T newInstance(Object[] values) {
    try {
      if (setters == null) {
        // A NULL for a primitive component becomes its default (0, false) instead of failing.
        for (int p : primitivePositions) {
          if (values[p] == null) {
            values[p] = primitiveDefaults[p];
          }
        }
        return (T) creator.invokeExact(values);
      }
      Object instance = creator.invokeExact(values);
      for (int i = 0; i < values.length; i++) {
        // A NULL for a primitive field leaves the field at its default instead of failing.
        if (values[i] != null || !columns.get(i).javaType().isPrimitive()) {
          setters.get(i).invokeExact(instance, values[i]);
        }
      }
      return (T) instance;
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException("cannot create " + type.getName() + ": " + t, t);
    }
  }

  /** The row's field values keyed by column name (Java values, insertion order = columns). */
  public Map<String, Object> toMap(T row) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (MappedColumn c : columns) {
      out.put(c.name(), c.get(row));
    }
    return out;
  }

  @Override
  public String toString() {
    return "TableMapping[" + type.getName() + " -> " + table.qualifiedName() + "]";
  }
}
