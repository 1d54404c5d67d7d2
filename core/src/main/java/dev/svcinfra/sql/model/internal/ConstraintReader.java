package dev.svcinfra.sql.model.internal;

import dev.svcinfra.sql.model.ColumnType;
import dev.svcinfra.sql.model.annotation.Check;
import dev.svcinfra.sql.model.annotation.Index;
import dev.svcinfra.sql.model.annotation.SoftDelete;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads the table-level annotations (indexes, unique columns, foreign keys, checks) of a model. */
final class ConstraintReader {
  private ConstraintReader() {}

  static Table table(
      Class<?> model, String tableName, List<Column> columns, List<Field> fields, String idColumn) {
    dev.svcinfra.sql.model.annotation.Table t =
        model.getAnnotation(dev.svcinfra.sql.model.annotation.Table.class);
    List<dev.svcinfra.sql.model.internal.Index> indexes = new ArrayList<>();
    List<UniqueConstraint> uniques = new ArrayList<>();
    List<ForeignKey> foreignKeys = new ArrayList<>();
    List<CheckConstraint> checks = new ArrayList<>();
    Optional<String> liveColumn = liveColumn(columns, fields);
    for (Index ix : model.getAnnotationsByType(Index.class)) {
      if (ix.columns().length == 0) {
        throw new IllegalArgumentException(model.getName() + ": @Index on a type needs columns");
      }
      indexes.add(index(model, tableName, ix, List.of(ix.columns()), liveColumn));
    }
    for (int i = 0; i < fields.size(); i++) {
      Field f = fields.get(i);
      String column = columns.get(i).name();
      for (Index ix : f.getAnnotationsByType(Index.class)) {
        indexes.add(index(model, tableName, ix, List.of(column), liveColumn));
      }
      dev.svcinfra.sql.model.annotation.Column c =
          f.getAnnotation(dev.svcinfra.sql.model.annotation.Column.class);
      if (c != null && c.unique()) {
        uniques.add(new UniqueConstraint("uq_" + tableName + "_" + column, List.of(column)));
      }
      dev.svcinfra.sql.model.annotation.ForeignKey fk =
          f.getAnnotation(dev.svcinfra.sql.model.annotation.ForeignKey.class);
      if (fk != null) {
        String name = fk.name().isBlank() ? "fk_" + tableName + "_" + column : fk.name();
        foreignKeys.add(
            new ForeignKey(
                name,
                List.of(column),
                ModelReader.nonBlank(fk.schema()),
                fk.table(),
                List.of(fk.column()),
                fk.onDelete(),
                fk.onUpdate()));
      }
    }
    Check[] checkAnnotations = model.getAnnotationsByType(Check.class);
    for (int i = 0; i < checkAnnotations.length; i++) {
      Check ck = checkAnnotations[i];
      String name = ck.name().isBlank() ? "ck_" + tableName + "_" + (i + 1) : ck.name();
      checks.add(new CheckConstraint(name, ck.value()));
    }
    List<String> columnNames = columns.stream().map(Column::name).toList();
    for (dev.svcinfra.sql.model.internal.Index ix : indexes) {
      requireColumns(model, "index " + ix.name(), ix.columns(), columnNames);
      if (ix.ignoreCase() || ix.trigram()) {
        requireText(model, ix, columns, fields);
      }
    }
    Optional<String> schema = t == null ? Optional.empty() : ModelReader.nonBlank(t.schema());
    return new Table(
        schema,
        tableName,
        columns,
        List.of(idColumn),
        indexes,
        uniques,
        foreignKeys,
        checks,
        t == null ? Optional.empty() : ModelReader.nonBlank(t.comment()),
        t == null ? List.of() : List.of(t.renamedFrom()));
  }

  /**
   * The soft-delete column a live-rows-only index filters on: a timestamp, NULL while the row
   * lives. A boolean flag has no such form every dialect can index, so it offers none.
   */
  private static Optional<String> liveColumn(List<Column> columns, List<Field> fields) {
    for (int i = 0; i < fields.size(); i++) {
      if (fields.get(i).isAnnotationPresent(SoftDelete.class)
          && columns.get(i).type().kind() != ColumnType.Kind.BOOLEAN) {
        return Optional.of(columns.get(i).name());
      }
    }
    return Optional.empty();
  }

  private static dev.svcinfra.sql.model.internal.Index index(
      Class<?> model, String table, Index ix, List<String> columns, Optional<String> liveColumn) {
    String name =
        ix.name().isBlank()
            ? (ix.unique() ? "ux_" : "ix_")
                + table
                + "_"
                + String.join("_", columns)
                + (ix.ignoreCase() ? "_lower" : "")
                + (ix.trigram() ? "_trgm" : "")
                + (ix.liveRowsOnly() ? "_live" : "")
            : ix.name();
    if (ix.liveRowsOnly() && liveColumn.isEmpty()) {
      throw new IllegalArgumentException(
          model.getName()
              + ": index "
              + name
              + " has liveRowsOnly = true, but the model has no @SoftDelete timestamp column "
              + "(NULL while the row lives) to tell live rows by; add one (a boolean @SoftDelete "
              + "flag cannot filter an index on every database) or remove liveRowsOnly");
    }
    if (ix.liveRowsOnly() && ix.trigram()) {
      throw new IllegalArgumentException(
          model.getName()
              + ": index "
              + name
              + " has trigram = true and liveRowsOnly = true; a trigram index serves searches "
              + "and enforces nothing: remove liveRowsOnly");
    }
    if (ix.trigram() && ix.unique()) {
      throw new IllegalArgumentException(
          model.getName()
              + ": index "
              + name
              + " has trigram = "
              + "true and unique = true; a trigram index is a GIN index, which cannot be unique: "
              + "declare the uniqueness as an index of its own (@Index(columns = ..., unique = true))");
    }
    if (ix.trigram() && ix.ignoreCase()) {
      throw new IllegalArgumentException(
          model.getName()
              + ": index "
              + name
              + " has trigram = "
              + "true and ignoreCase = true; trigram search (ILIKE) already ignores case: remove "
              + "ignoreCase");
    }
    dev.svcinfra.sql.model.internal.Index index =
        new dev.svcinfra.sql.model.internal.Index(
            name, columns, ix.unique(), ix.ignoreCase(), ix.trigram());
    return ix.liveRowsOnly() ? index.whereNull(liveColumn.orElseThrow()) : index;
  }

  /**
   * {@code lower(column)} and trigrams are defined for text only; anything else is a model error.
   */
  private static void requireText(
      Class<?> model,
      dev.svcinfra.sql.model.internal.Index ix,
      List<Column> columns,
      List<Field> fields) {
    for (int i = 0; i < columns.size(); i++) {
      Column c = columns.get(i);
      if (ix.columns().contains(c.name()) && !c.type().isText()) {
        throw new IllegalArgumentException(
            model.getName()
                + ": index "
                + ix.name()
                + (ix.trigram() ? " has trigram = true" : " has ignoreCase = true")
                + " but field '"
                + fields.get(i).getName()
                + "' (column "
                + c.name()
                + ") is "
                + c.type().kind()
                + ", not text; "
                + (ix.trigram() ? "trigram indexes apply" : "lower() applies")
                + " to text columns only");
      }
    }
  }

  private static void requireColumns(
      Class<?> model, String what, List<String> names, List<String> columns) {
    for (String n : names) {
      if (!columns.contains(n)) {
        throw new IllegalArgumentException(
            model.getName()
                + ": "
                + what
                + " names column '"
                + n
                + "', which the model does not have; columns: "
                + columns);
      }
    }
  }
}
