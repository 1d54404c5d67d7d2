package dev.svcinfra.sql.model.internal;

import dev.svcinfra.sql.model.ColumnType;
import dev.svcinfra.sql.model.annotation.CreatedAt;
import dev.svcinfra.sql.model.annotation.Generation;
import dev.svcinfra.sql.model.annotation.Id;
import dev.svcinfra.sql.model.annotation.Immutable;
import dev.svcinfra.sql.model.annotation.SoftDelete;
import dev.svcinfra.sql.model.annotation.TenantId;
import dev.svcinfra.sql.model.annotation.Transient;
import dev.svcinfra.sql.model.annotation.UpdatedAt;
import dev.svcinfra.sql.model.annotation.Version;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Reads an annotated record or class into a {@link TableMapping}; runs once per class. */
final class ModelReader {
  private static final MethodType GETTER = MethodType.methodType(Object.class, Object.class);
  private static final MethodType SETTER =
      MethodType.methodType(void.class, Object.class, Object.class);

  private ModelReader() {}

  static <T> TableMapping<T> read(Class<T> type) {
    String tableName = tableName(type);
    List<Field> fields = fields(type);
    List<MappedColumn> columns = new ArrayList<>();
    MappedColumn id = null;
    Generation generation = Generation.NONE;
    MappedColumn softDelete = null;
    MappedColumn tenant = null;
    MappedColumn createdAt = null;
    MappedColumn updatedAt = null;
    MappedColumn version = null;
    Set<String> immutable = new LinkedHashSet<>();
    List<MethodHandle> getters = new ArrayList<>();
    for (Field f : fields) {
      Column column = ColumnReader.column(type, f);
      if (f.isAnnotationPresent(CreatedAt.class)
          || f.isAnnotationPresent(UpdatedAt.class)
          || f.isAnnotationPresent(Version.class)) {
        // The library always sets these, so the database may insist on them.
        column = column.withNullable(false);
      }
      getters.add(getter(type, f));
      MappedColumn mapped =
          new MappedColumn(
              column, f.getName(), f.getType(), columns.size(), getters.get(getters.size() - 1));
      columns.add(mapped);
      Id idAnnotation = f.getAnnotation(Id.class);
      if (idAnnotation != null) {
        id = only(type, "@Id", id, mapped);
        generation = idAnnotation.generation();
        immutable.add(column.name());
      }
      if (f.isAnnotationPresent(SoftDelete.class)) {
        softDelete = only(type, "@SoftDelete", softDelete, mapped);
        requireKind(
            type,
            f,
            "@SoftDelete",
            column,
            ColumnType.Kind.TIMESTAMP_TZ,
            ColumnType.Kind.TIMESTAMP,
            ColumnType.Kind.BOOLEAN);
      }
      if (f.isAnnotationPresent(TenantId.class)) {
        tenant = only(type, "@TenantId", tenant, mapped);
        immutable.add(column.name());
      }
      if (f.isAnnotationPresent(CreatedAt.class)) {
        createdAt = only(type, "@CreatedAt", createdAt, mapped);
        requireKind(
            type, f, "@CreatedAt", column, ColumnType.Kind.TIMESTAMP_TZ, ColumnType.Kind.TIMESTAMP);
        immutable.add(column.name());
      }
      if (f.isAnnotationPresent(UpdatedAt.class)) {
        updatedAt = only(type, "@UpdatedAt", updatedAt, mapped);
        requireKind(
            type, f, "@UpdatedAt", column, ColumnType.Kind.TIMESTAMP_TZ, ColumnType.Kind.TIMESTAMP);
        immutable.add(column.name());
      }
      if (f.isAnnotationPresent(Version.class)) {
        version = only(type, "@Version", version, mapped);
        requireKind(type, f, "@Version", column, ColumnType.Kind.INTEGER, ColumnType.Kind.BIGINT);
        immutable.add(column.name());
      }
      if (f.isAnnotationPresent(Immutable.class)) {
        immutable.add(column.name());
      }
    }
    if (id == null) {
      throw new IllegalArgumentException(
          type.getName() + " has no @Id field; a table model " + "needs exactly one");
    }
    if (generation == Generation.IDENTITY) {
      if (!id.type().isInteger()) {
        throw new IllegalArgumentException(
            type.getName()
                + "."
                + id.fieldName()
                + ": @Id(generation = IDENTITY) needs an integer type; use Generation.UUID for UUIDs");
      }
      // Re-create the id column flagged as identity, keeping its position.
      MappedColumn identity =
          new MappedColumn(
              id.column().asIdentity(),
              id.fieldName(),
              id.javaType(),
              id.position(),
              getters.get(id.position()));
      columns.set(id.position(), identity);
      id = identity;
    } else if (generation == Generation.UUID
        && id.type().kind() != ColumnType.Kind.UUID
        && !id.type().isText()) {
      throw new IllegalArgumentException(
          type.getName()
              + "."
              + id.fieldName()
              + ": @Id(generation = UUID) needs a UUID or String field");
    }
    List<Column> tableColumns = columns.stream().map(MappedColumn::column).toList();
    Table table = ConstraintReader.table(type, tableName, tableColumns, fields, id.name());
    TableMapping.Roles roles =
        new TableMapping.Roles(
            id,
            generation,
            softDelete,
            tenant,
            createdAt,
            updatedAt,
            version,
            Set.copyOf(immutable));
    return type.isRecord()
        ? new TableMapping<>(type, table, columns, roles, recordCreator(type), null)
        : new TableMapping<>(
            type, table, columns, roles, noArgCreator(type), setters(type, fields));
  }

  static String tableName(Class<?> type) {
    dev.svcinfra.sql.model.annotation.Table t =
        type.getAnnotation(dev.svcinfra.sql.model.annotation.Table.class);
    return t != null && !t.name().isBlank() ? t.name() : SnakeCase.of(type.getSimpleName());
  }

  /** Persistent fields: record components in order, or non-static fields, superclass first. */
  private static List<Field> fields(Class<?> type) {
    List<Field> out = new ArrayList<>();
    if (type.isRecord()) {
      for (RecordComponent rc : type.getRecordComponents()) {
        try {
          out.add(type.getDeclaredField(rc.getName()));
        } catch (NoSuchFieldException e) {
          throw new IllegalStateException(e);
        }
      }
      return out;
    }
    List<Class<?>> chain = new ArrayList<>();
    for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
      chain.add(0, c);
    }
    for (Class<?> c : chain) {
      for (Field f : c.getDeclaredFields()) {
        int m = f.getModifiers();
        if (!Modifier.isStatic(m)
            && !Modifier.isTransient(m)
            && !f.isSynthetic()
            && !f.isAnnotationPresent(Transient.class)) {
          out.add(f);
        }
      }
    }
    return out;
  }

  private static MethodHandle getter(Class<?> type, Field f) {
    try {
      MethodHandle h;
      if (type.isRecord()) {
        h = lookup(type).unreflect(type.getMethod(f.getName()));
      } else {
        f.setAccessible(true);
        h = lookup(type).unreflectGetter(f);
      }
      MethodHandle typed = h.asType(GETTER);
      return typed;
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IllegalArgumentException(
          "cannot access "
              + type.getName()
              + "."
              + f.getName()
              + ": "
              + e.getMessage()
              + " (make the model public or open its package)",
          e);
    }
  }

  private static MethodHandle recordCreator(Class<?> type) {
    Class<?>[] types =
        Arrays.stream(type.getRecordComponents())
            .map(RecordComponent::getType)
            .toArray(Class<?>[]::new);
    try {
      Constructor<?> ctor = type.getDeclaredConstructor(types);
      ctor.setAccessible(true);
      return lookup(type)
          .unreflectConstructor(ctor)
          .asSpreader(Object[].class, types.length)
          .asType(MethodType.methodType(Object.class, Object[].class));
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IllegalArgumentException(
          "cannot use the canonical constructor of " + type.getName() + ": " + e.getMessage(), e);
    }
  }

  private static MethodHandle noArgCreator(Class<?> type) {
    try {
      Constructor<?> ctor = type.getDeclaredConstructor();
      ctor.setAccessible(true);
      MethodHandle h =
          lookup(type).unreflectConstructor(ctor).asType(MethodType.methodType(Object.class));
      return MethodHandles.dropArguments(h, 0, Object[].class);
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IllegalArgumentException(
          type.getName()
              + " needs a no-argument constructor "
              + "(or make it a record): "
              + e.getMessage(),
          e);
    }
  }

  private static List<MethodHandle> setters(Class<?> type, List<Field> fields) {
    List<MethodHandle> out = new ArrayList<>();
    for (Field f : fields) {
      try {
        f.setAccessible(true);
        out.add(lookup(type).unreflectSetter(f).asType(SETTER));
      } catch (ReflectiveOperationException | RuntimeException e) {
        throw new IllegalArgumentException(
            "cannot set " + type.getName() + "." + f.getName() + ": " + e.getMessage(), e);
      }
    }
    return List.copyOf(out);
  }

  private static MethodHandles.Lookup lookup(Class<?> type) {
    try {
      return MethodHandles.privateLookupIn(type, MethodHandles.lookup());
    } catch (IllegalAccessException e) {
      return MethodHandles.publicLookup();
    }
  }

  private static MappedColumn only(
      Class<?> type, String what, MappedColumn seen, MappedColumn next) {
    if (seen != null) {
      throw new IllegalArgumentException(
          type.getName()
              + " has "
              + what
              + " on both "
              + seen.fieldName()
              + " and "
              + next.fieldName()
              + "; only one is allowed");
    }
    return next;
  }

  private static void requireKind(
      Class<?> type, Field f, String what, Column c, ColumnType.Kind... kinds) {
    if (!List.of(kinds).contains(c.type().kind())) {
      throw new IllegalArgumentException(
          type.getName()
              + "."
              + f.getName()
              + ": "
              + what
              + " needs one of "
              + List.of(kinds)
              + ", the field maps to "
              + c.type());
    }
  }

  static Optional<String> nonBlank(String s) {
    return s == null || s.isBlank() ? Optional.empty() : Optional.of(s);
  }
}
