package dev.svcinfra.sql.model.internal;

import dev.svcinfra.sql.model.ColumnType;
import java.lang.reflect.Field;
import java.util.List;
import java.util.Optional;

/** Reads one field's {@code @Column} (and its Java type) into a {@link Column}. */
final class ColumnReader {
  private ColumnReader() {}

  static Column column(Class<?> model, Field f) {
    dev.svcinfra.sql.model.annotation.Column a =
        f.getAnnotation(dev.svcinfra.sql.model.annotation.Column.class);
    String name = a != null && !a.name().isBlank() ? a.name() : SnakeCase.of(f.getName());
    ColumnType type;
    try {
      type =
          JavaValueConverter.derive(
              f.getType(),
              a == null ? 0 : a.length(),
              a == null ? 0 : a.precision(),
              a == null ? -1 : a.scale());
      if (a != null && a.type().length > 1) {
        throw new IllegalArgumentException(
            "@Column(type = ...) takes one kind, got " + List.of(a.type()));
      }
      if (a != null && a.type().length == 1 && a.type()[0] != type.kind()) {
        ColumnType.Kind kind = a.type()[0];
        if (!JavaValueConverter.fits(f.getType(), kind)) {
          throw new IllegalArgumentException(
              "a " + f.getType().getSimpleName() + " field cannot be stored as " + kind);
        }
        type = ColumnType.of(kind);
      }
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          model.getName() + "." + f.getName() + ": " + e.getMessage(), e);
    }
    boolean nullable = !f.getType().isPrimitive() && (a == null || a.nullable());
    return new Column(
        name,
        type,
        nullable,
        a == null ? Optional.empty() : ModelReader.nonBlank(a.defaultSql()),
        false,
        a == null ? Optional.empty() : ModelReader.nonBlank(a.comment()),
        a == null ? List.of() : List.of(a.renamedFrom()));
  }
}
