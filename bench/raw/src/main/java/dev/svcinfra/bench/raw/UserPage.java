package dev.svcinfra.bench.raw;

import java.util.List;

/**
 * The list envelope of the generated resources: {@code
 * {"total","total_kind","items","limit","offset"}}; {@code total} is null under {@code count=none}.
 *
 * <pre>{@code
 * ctx.json(new UserPage(total, "exact", rows, 20, 0));
 * }</pre>
 *
 * @since 0.1
 */
@SuppressWarnings("checkstyle:RecordComponentName")
public record UserPage(Long total, String total_kind, List<User> items, int limit, long offset) {}
