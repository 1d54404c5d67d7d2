package dev.svcinfra.sql.model.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The order in which tables can be created: each after the others of the same list its foreign keys
 * reference (a key to itself, or to a table outside the list, does not wait). Creating new tables
 * in a revision and re-creating rebuilt ones both need it; dropping goes the other way.
 *
 * <pre>{@code
 * List<Table> ordered = ReferenceOrder.referencedFirst(tables, t -> t);
 * }</pre>
 */
public final class ReferenceOrder {
  private ReferenceOrder() {}

  /**
   * {@code items} ordered so each comes after the others whose table ({@code table}) its keys
   * reference; a reference cycle keeps the given order for the tables in it.
   */
  public static <T> List<T> referencedFirst(List<T> items, Function<T, Table> table) {
    List<T> out = new ArrayList<>();
    List<T> pending = new ArrayList<>(items);
    while (!pending.isEmpty()) {
      T next =
          pending.stream()
              .filter(
                  t ->
                      table.apply(t).foreignKeys().stream()
                          .noneMatch(fk -> waitsFor(fk, table.apply(t), pending, table)))
              .findFirst()
              .orElse(pending.get(0));
      pending.remove(next);
      out.add(next);
    }
    return out;
  }

  /** Whether {@code fk} of {@code owner} references another table still in {@code pending}. */
  private static <T> boolean waitsFor(
      ForeignKey fk, Table owner, List<T> pending, Function<T, Table> table) {
    return !fk.referencedTable().equalsIgnoreCase(owner.name())
        && pending.stream()
            .anyMatch(p -> table.apply(p).name().equalsIgnoreCase(fk.referencedTable()));
  }
}
