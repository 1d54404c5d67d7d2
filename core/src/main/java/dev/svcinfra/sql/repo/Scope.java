package dev.svcinfra.sql.repo;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Equality conditions every operation of a repository call must also satisfy: reads see only
 * matching rows, updates and deletes touch only matching rows. The tenant service scopes by its
 * tenant column this way; {@code countFiltered} counts with one; a {@link ListRequest} carries one
 * as its filters.
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
  private static final Scope ALL = new Scope(Map.of());

  private final Map<String, Object> equals;

  private Scope(Map<String, Object> equals) {
    this.equals = Collections.unmodifiableMap(equals);
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
    return new Scope(new LinkedHashMap<>(conditions));
  }

  public Scope and(String column, Object value) {
    Map<String, Object> next = new LinkedHashMap<>(equals);
    next.put(column, value);
    return new Scope(next);
  }

  /** Column name to required value, in the order given. */
  public Map<String, Object> conditions() {
    return equals;
  }

  public boolean isEmpty() {
    return equals.isEmpty();
  }

  @Override
  public String toString() {
    return "Scope" + equals.keySet();
  }
}
