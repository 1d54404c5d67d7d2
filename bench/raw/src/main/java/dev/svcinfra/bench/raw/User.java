package dev.svcinfra.bench.raw;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * One row of {@code users}, rendered with the column names as JSON property names (the quickstart's
 * shape).
 *
 * <pre>{@code
 * User u = UserSql.read(resultSet);
 * ctx.json(u);
 * }</pre>
 *
 * @since 0.1
 */
@SuppressWarnings("checkstyle:RecordComponentName")
public record User(
    UUID id,
    String email,
    String name,
    OffsetDateTime created_at,
    OffsetDateTime updated_at,
    OffsetDateTime deleted_at) {}
