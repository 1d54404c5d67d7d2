package dev.svcinfra.sql.internal.idempotency;

import dev.svcinfra.sql.SqlStatement;
import dev.svcinfra.sql.dialect.Dialect;
import dev.svcinfra.sql.idempotency.IdempotencyRecord;
import dev.svcinfra.sql.model.ColumnType;
import dev.svcinfra.sql.model.internal.Table;

/**
 * The statements of the idempotency store for one dialect: plain INSERT, SELECT, UPDATE and DELETE
 * by primary key, each write conditioned on what the store saw, so that the database's row locks
 * (or, on SQLite, its single writer; on DuckDB, its write-write conflict check) decide every race.
 * Nothing here needs an upsert, a lock clause or a session setting, so the same logic holds on
 * every dialect and behind a transaction pooler. Column names are quoted as the table's DDL quotes
 * them: on Snowflake an unquoted {@code key_hash} would name another column, {@code KEY_HASH}.
 */
final class IdempotencyStatements {
  static final ColumnType HASH = ColumnType.string(64);
  static final ColumnType TOKEN = ColumnType.string(36);
  static final ColumnType MILLIS = ColumnType.of(ColumnType.Kind.BIGINT);
  static final ColumnType STATUS = ColumnType.of(ColumnType.Kind.INTEGER);
  static final ColumnType TEXT = ColumnType.of(ColumnType.Kind.TEXT);
  static final ColumnType BYTES = ColumnType.of(ColumnType.Kind.BINARY);

  private static final Table TABLE = IdempotencyRecord.table();

  private final String table;
  private final String keyHash;
  private final String requestHash;
  private final String claim;
  private final String lockedUntil;
  private final String expiresAt;
  private final String createdAt;
  private final String status;
  private final String headers;
  private final String body;

  IdempotencyStatements(Dialect dialect) {
    this.table = dialect.tableName(TABLE.schema(), TABLE.name());
    this.keyHash = dialect.quote("key_hash");
    this.requestHash = dialect.quote("request_hash");
    this.claim = dialect.quote("claim");
    this.lockedUntil = dialect.quote("locked_until");
    this.expiresAt = dialect.quote("expires_at");
    this.createdAt = dialect.quote("created_at");
    this.status = dialect.quote("response_status");
    this.headers = dialect.quote("response_headers");
    this.body = dialect.quote("response_body");
  }

  /** The row of a key: request hash, claim, lease, expiry and the stored response. */
  SqlStatement find(String key) {
    return statement(
        "SELECT "
            + String.join(", ", requestHash, claim, lockedUntil, expiresAt, status, headers, body)
            + " FROM "
            + table
            + " WHERE "
            + keyHash
            + " = ?",
        new Object[] {key},
        HASH);
  }

  /** A new claim; the primary key makes a second insert of the same key fail. */
  SqlStatement insert(
      String key, String request, String token, long leaseEnd, long expiry, long now) {
    return statement(
        "INSERT INTO "
            + table
            + " ("
            + String.join(", ", keyHash, requestHash, claim, lockedUntil, expiresAt, createdAt)
            + ") VALUES (?, ?, ?, ?, ?, ?)",
        new Object[] {key, request, token, leaseEnd, expiry, now},
        HASH,
        HASH,
        TOKEN,
        MILLIS,
        MILLIS,
        MILLIS);
  }

  /**
   * Claims an expired key for a new request, forgetting the old one; only while it is still
   * expired, so of two requests racing for it one changes the row and the other none.
   */
  SqlStatement reclaimExpired(
      String key, String request, String token, long leaseEnd, long expiry, long now) {
    return statement(
        "UPDATE "
            + table
            + " SET "
            + assignments(requestHash, claim, lockedUntil, expiresAt, createdAt)
            + ", "
            + status
            + " = NULL, "
            + headers
            + " = NULL, "
            + body
            + " = NULL WHERE "
            + keyHash
            + " = ? AND "
            + expiresAt
            + " <= ?",
        new Object[] {request, token, leaseEnd, expiry, now, key, now},
        HASH,
        TOKEN,
        MILLIS,
        MILLIS,
        MILLIS,
        HASH,
        MILLIS);
  }

  /**
   * Takes over a key whose holder's lease ran out (its process died, or its release failed): only
   * if that holder still has it and it still ran out.
   */
  SqlStatement takeOver(String key, String oldToken, String token, long leaseEnd, long now) {
    return statement(
        "UPDATE "
            + table
            + " SET "
            + assignments(claim, lockedUntil)
            + " WHERE "
            + keyHash
            + " = ? AND "
            + claim
            + " = ? AND "
            + lockedUntil
            + " <= ?",
        new Object[] {token, leaseEnd, key, oldToken, now},
        TOKEN,
        MILLIS,
        HASH,
        TOKEN,
        MILLIS);
  }

  /**
   * Stores the response, in the request's own transaction: only while this request holds the key,
   * so a request that lost its lease changes no row and rolls its writes back.
   */
  SqlStatement complete(String key, String token, int code, String headerJson, byte[] bytes) {
    return statement(
        "UPDATE "
            + table
            + " SET "
            + claim
            + " = NULL, "
            + lockedUntil
            + " = NULL, "
            + assignments(status, headers, body)
            + " WHERE "
            + keyHash
            + " = ? AND "
            + claim
            + " = ?",
        new Object[] {code, headerJson, bytes, key, token},
        STATUS,
        TEXT,
        BYTES,
        HASH,
        TOKEN);
  }

  /** Frees a key whose request failed, so a retry with it runs again. */
  SqlStatement release(String key, String token) {
    return statement(
        "DELETE FROM " + table + " WHERE " + keyHash + " = ? AND " + claim + " = ?",
        new Object[] {key, token},
        HASH,
        TOKEN);
  }

  /** Forgets every expired key. */
  SqlStatement purge(long now) {
    return statement(
        "DELETE FROM " + table + " WHERE " + expiresAt + " <= ?", new Object[] {now}, MILLIS);
  }

  private static String assignments(String... columns) {
    StringBuilder out = new StringBuilder();
    for (String c : columns) {
      out.append(out.length() == 0 ? "" : ", ").append(c).append(" = ?");
    }
    return out.toString();
  }

  private static SqlStatement statement(String sql, Object[] values, ColumnType... types) {
    return new SqlStatement(sql, values, types, TABLE);
  }
}
