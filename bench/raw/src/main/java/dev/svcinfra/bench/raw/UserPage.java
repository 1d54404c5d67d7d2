package dev.svcinfra.bench.raw;

import java.util.List;

/**
 * The list envelope of the generated resources: {@code {"total","items","limit","offset"}}.
 *
 * <pre>{@code
 * ctx.json(new UserPage(total, rows, 20, 0));
 * }</pre>
 *
 * @since 0.1
 */
public record UserPage(long total, List<User> items, int limit, long offset) {}
