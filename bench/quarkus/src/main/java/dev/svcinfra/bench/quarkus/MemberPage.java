package dev.svcinfra.bench.quarkus;

import java.util.List;

/**
 * The list envelope {@code {"total","total_kind","items","limit","offset"}} (snake_case by the
 * application's Jackson setting).
 *
 * <pre>{@code
 * new MemberPage(120L, "exact", members, 20, 0)
 * }</pre>
 *
 * @since 0.1
 */
public record MemberPage(
    Long total, String totalKind, List<Member> items, int limit, long offset) {}
