package dev.svcinfra.bench.idiomatic;

import java.util.List;

/**
 * The list envelope the generated resources answer with: {@code
 * {"total","total_kind","items","limit","offset"}}; {@code total} is null under {@code count=none}.
 *
 * <pre>{@code
 * new ListPage(1204L, "planned", rows, 20, 0)
 * }</pre>
 *
 * @since 0.1
 */
public record ListPage(Long total, String totalKind, List<Person> items, int limit, long offset) {}
