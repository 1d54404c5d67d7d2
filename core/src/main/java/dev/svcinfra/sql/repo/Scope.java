package dev.svcinfra.sql.repo;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Conditions every operation of a repository call must also satisfy: reads see only matching rows,
 * updates and deletes touch only matching rows. Equality conditions come from {@link #and(String,
 * Object)}, typed ones ({@code price >= 10}, a prefix) from {@link #and(Filter)}. The tenant
 * service scopes by its tenant column this way; {@code countFiltered} counts with one; a {@link
 * ListRequest} carries one as its filters.
 *
 * <pre>{@code
 * Scope mine = Scope.where("tenant_id", "acme").and("archived", false);
 * users.list(tx, ListRequest.builder().filters(mine).limit(20).build());
 * }</pre>
 *
 * <p>Keys are column names, checked against the model; values are coerced like create input.
 *
 * @since 0.1
 */
public final class Scope {
  private static final Scope ALL = new Scope(Map.of(), List.of());

  private final Map<String, Object> equals;
  private final List<Filter> filters;

  private Scope(Map<String, Object> equals, List<Filter> filters) {
    this.equals = Collections.unmodifiableMap(equals);
    this.filters = filters;
  }

  /** No condition. */
  public static Scope all() {
    return ALL;
  }

  public static Scope where(String column, Object value) {
    return ALL.and(column, value);
  }

  /** Every entry as an equality condition. */
  public static Scope of(Map<String, ?> conditions) {
    return new Scope(new LinkedHashMap<>(conditions), List.of());
  }

  public Scope and(String column, Object value) {
    Map<String, Object> next = new LinkedHashMap<>(equals);
    next.put(column, value);
    return new Scope(next, filters);
  }

  /**
   * This scope and a typed condition as well; several filters on one field all apply ({@code price
   * >= 10} and {@code price < 20}).
   *
   * @since 0.2
   */
  public Scope and(Filter filter) {
    List<Filter> next = new ArrayList<>(filters);
    next.add(Objects.requireNonNull(filter, "filter"));
    return new Scope(equals, List.copyOf(next));
  }

  /** Column name to required value, in the order given. */
  public Map<String, Object> conditions() {
    return equals;
  }

  /**
   * The typed conditions, in the order given.
   *
   * @since 0.2
   */
  public List<Filter> filters() {
    return filters;
  }

  public boolean isEmpty() {
    return equals.isEmpty() && filters.isEmpty();
  }

  @Override
  public String toString() {
    return "Scope" + equals.keySet() + (filters.isEmpty() ? "" : filters.toString());
  }
}
