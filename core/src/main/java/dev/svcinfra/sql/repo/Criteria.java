package dev.svcinfra.sql.repo;

import dev.svcinfra.sql.model.internal.MappedColumn;
import java.util.List;
import java.util.Map;

/**
 * A {@link Scope} checked against the model: equality conditions by column with coerced values, and
 * typed filters with their database values. Built once per repository call, then added to every
 * statement of that call (items and count, or the locking read and the write).
 */
record Criteria(Map<MappedColumn, Object> equals, List<BoundFilter> filters) {
  static final Criteria NONE = new Criteria(Map.of(), List.of());

  boolean isEmpty() {
    return equals.isEmpty() && filters.isEmpty();
  }
}
