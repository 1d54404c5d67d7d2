package dev.svcinfra.sql.idempotency;

import dev.svcinfra.sql.model.ColumnType;
import dev.svcinfra.sql.model.annotation.Column;
import dev.svcinfra.sql.model.annotation.Generation;
import dev.svcinfra.sql.model.annotation.Id;
import dev.svcinfra.sql.model.annotation.Index;
import dev.svcinfra.sql.model.internal.Table;
import dev.svcinfra.sql.model.internal.TableMapping;

/**
 * One row of {@value #TABLE}: an idempotency key a client sent, the fingerprint of the request that
 * first used it and, once that request succeeded, its response. The library writes and reads these
 * rows; applications only create the table, through a revision generated from this model like any
 * of their own tables:
 *
 * <pre>{@code
 * Migrations.builder().database(db).models(List.of(userTable, IdempotencyRecord.table())) ...
 * // or, for `svc-infra sql revision --autogenerate`:
 * //   ALEMBIC_DISCOVER_PACKAGES=com.example.model,dev.svcinfra.sql.idempotency
 * }</pre>
 *
 * <p>Times are epoch milliseconds in {@code BIGINT} columns: every database stores and compares
 * them alike, with no time zone or fractional-second rules in between.
 *
 * @param keyHash SHA-256 (hex) of the key and its scope (tenant, method, path)
 * @param requestHash SHA-256 (hex) of the request: method, path, query and canonical body
 * @param claim the token of the request processing the key now; null once it completed
 * @param lockedUntil until when (epoch ms) that request holds the key; null once completed
 * @param expiresAt when (epoch ms) the key may be used again for another request
 * @param responseStatus the stored response's status; null while the request runs
 * @param responseHeaders the stored response's headers that matter, as a JSON object
 * @param responseBody the stored response's body
 * @param createdAt when (epoch ms) the key was first claimed
 * @since 0.1
 */
@dev.svcinfra.sql.model.annotation.Table(name = IdempotencyRecord.TABLE)
@Index(name = "ix_svc_idempotency_keys_expires_at", columns = "expires_at")
public record IdempotencyRecord(
    @Id(generation = Generation.NONE) @Column(nullable = false, length = 64) String keyHash,
    @Column(nullable = false, length = 64) String requestHash,
    @Column(length = 36) String claim,
    Long lockedUntil,
    long expiresAt,
    Integer responseStatus,
    @Column(type = ColumnType.Kind.TEXT) String responseHeaders,
    byte[] responseBody,
    long createdAt) {

  /** The table's name. */
  public static final String TABLE = "svc_idempotency_keys";

  /** The table, for {@code Migrations.builder().models(..)} and DDL. */
  public static Table table() {
    return TableMapping.of(IdempotencyRecord.class).table();
  }
}
