package dev.svcinfra.bench.springjdbc;

import java.util.List;

/**
 * The list envelope shared with the generated resources: {@code total, items, limit, offset}.
 *
 * <pre>{@code
 * return new UserPage(total, rows, limit, offset);
 * }</pre>
 *
 * @since 0.1
 */
public record UserPage(long total, List<User> items, int limit, long offset) {}
