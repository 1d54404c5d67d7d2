package dev.svcinfra.lifecycle;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The restored tables set against the live database's: what the backup lacks and what it has that
 * the live database no longer does. Table names are {@code schema.table} where the database has
 * schemas.
 *
 * <pre>{@code
 * report.restore().flatMap(RestoreReport::comparison)
 *     .ifPresent(c -> c.missing().forEach(t -> log.warn("backup lacks {}", t)));
 * }</pre>
 *
 * @since 0.1
 */
public record TableComparison(List<String> liveTables, List<String> missing, List<String> extra) {
  public TableComparison {
    liveTables = List.copyOf(liveTables);
    missing = List.copyOf(missing);
    extra = List.copyOf(extra);
  }

  /** Compares the live database's tables with the restored ones. */
  public static TableComparison of(Set<String> live, Set<String> restored) {
    Set<String> missing = new TreeSet<>(live);
    missing.removeAll(restored);
    Set<String> extra = new TreeSet<>(restored);
    extra.removeAll(live);
    return new TableComparison(
        List.copyOf(new TreeSet<>(live)), List.copyOf(missing), List.copyOf(extra));
  }

  /** {@code {"live_tables","missing","extra"}}. */
  public Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("live_tables", liveTables);
    map.put("missing", missing);
    map.put("extra", extra);
    return map;
  }
}
