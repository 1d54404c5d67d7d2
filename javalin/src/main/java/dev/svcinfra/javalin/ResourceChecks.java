package dev.svcinfra.javalin;

import dev.svcinfra.javalin.SqlResource.Operation;
import dev.svcinfra.sql.model.internal.MappedColumn;
import dev.svcinfra.sql.model.internal.TableMapping;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * The start-up checks of a {@link SqlResource}'s settings: each contradiction is refused when the
 * resource is built, with a message naming the setting, never on the first request.
 */
final class ResourceChecks {
  private ResourceChecks() {}

  /** A prefix starts with '/', does not end with one and has no path parameter. */
  static String prefix(String prefix) {
    if (!prefix.startsWith("/") || prefix.endsWith("/") || prefix.contains("{")) {
      throw new IllegalArgumentException(
          "a resource prefix starts with '/', does not end with "
              + "'/' and has no path parameter, got '"
              + prefix
              + "'");
    }
    return prefix;
  }

  /** A stated soft-delete intent (null: none stated) must match the model. */
  static void softDelete(TableMapping<?> mapping, Boolean stated) {
    if (stated != null && stated != mapping.softDelete().isPresent()) {
      throw new IllegalArgumentException(
          stated
              ? mapping.type().getName() + " has no @SoftDelete column; add one to use soft delete"
              : mapping.type().getName() + " has a @SoftDelete column; its rows are soft-deleted");
    }
  }

  /**
   * Restore needs soft-deleted rows, addressed by their primary key, on a resource that writes at
   * all: a read-only resource answering a restore would not be read-only.
   */
  static void restore(
      TableMapping<?> mapping, String prefix, MappedColumn idColumn, Set<Operation> operations) {
    if (mapping.softDelete().isEmpty()) {
      throw new IllegalArgumentException(
          mapping.type().getName()
              + " has no @SoftDelete column: its rows are removed by DELETE, so there is "
              + "nothing to restore; add one or leave restore off");
    }
    if (idColumn != mapping.id()) {
      throw new IllegalArgumentException(
          "restore addresses a deleted row by its primary key, and "
              + prefix
              + " addresses rows by "
              + idColumn.name()
              + "; leave idAttribute unset or restore off");
    }
    if (Set.of(Operation.LIST, Operation.GET).containsAll(operations)) {
      throw new IllegalArgumentException(
          prefix
              + " is read-only (operations "
              + operations
              + "), and a restore is a write; add the writes it serves (DELETE, say) or leave"
              + " restore off");
    }
  }

  /** Each default order item names an allowed order field. */
  static void defaultOrder(List<String> items, Collection<String> allowed, String prefix) {
    for (String o : items) {
      String field = o.startsWith("-") ? o.substring(1) : o;
      if (!allowed.contains(field)) {
        throw new IllegalArgumentException(
            "default order field '"
                + field
                + "' of "
                + prefix
                + " is not an allowed order field: "
                + allowed);
      }
    }
  }

  static MappedColumn column(TableMapping<?> mapping, String field, String role) {
    return mapping
        .column(field)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    mapping.type().getName() + " has no column '" + field + "' for the " + role));
  }

  /** A column that identifies one row: the key, or a column with a one-column unique rule. */
  static MappedColumn uniqueColumn(TableMapping<?> mapping, String field) {
    MappedColumn c = column(mapping, field, "id attribute");
    List<String> one = List.of(c.name());
    boolean unique =
        c == mapping.id()
            || mapping.table().uniqueConstraints().stream().anyMatch(u -> u.columns().equals(one))
            || mapping.table().indexes().stream()
                .anyMatch(i -> i.unique() && i.columns().equals(one));
    if (!unique) {
      throw new IllegalArgumentException(
          "id attribute "
              + field
              + " of "
              + mapping.type().getName()
              + " is not unique; add @Column(unique = true) to it");
    }
    return c;
  }
}
