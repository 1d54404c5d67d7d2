package dev.svcinfra.sql.model.internal;

import dev.svcinfra.sql.model.ReferentialAction;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A foreign key from {@code columns} of one table to {@code referencedColumns} of {@code
 * referencedTable} (in {@code referencedSchema} when given).
 *
 * <pre>{@code
 * ForeignKey fk = ForeignKey.of("fk_notes_user_id", "user_id", "users", "id");
 * }</pre>
 *
 * @since 0.1
 */
public record ForeignKey(
    String name,
    List<String> columns,
    Optional<String> referencedSchema,
    String referencedTable,
    List<String> referencedColumns,
    ReferentialAction onDelete,
    ReferentialAction onUpdate) {

  public ForeignKey {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(referencedSchema, "referencedSchema");
    Objects.requireNonNull(referencedTable, "referencedTable");
    Objects.requireNonNull(onDelete, "onDelete");
    Objects.requireNonNull(onUpdate, "onUpdate");
    columns = List.copyOf(columns);
    referencedColumns = List.copyOf(referencedColumns);
    if (columns.isEmpty() || columns.size() != referencedColumns.size()) {
      throw new IllegalArgumentException(
          "foreign key "
              + name
              + " needs as many referenced "
              + "columns as columns, got "
              + columns
              + " -> "
              + referencedColumns);
    }
  }

  /** A one-column foreign key with no referential actions. */
  public static ForeignKey of(
      String name, String column, String referencedTable, String referencedColumn) {
    return new ForeignKey(
        name,
        List.of(column),
        Optional.empty(),
        referencedTable,
        List.of(referencedColumn),
        ReferentialAction.NO_ACTION,
        ReferentialAction.NO_ACTION);
  }
}
