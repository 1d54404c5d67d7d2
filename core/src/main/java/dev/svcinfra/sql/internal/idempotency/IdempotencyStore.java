package dev.svcinfra.sql.internal.idempotency;

import dev.svcinfra.ErrorCode;
import dev.svcinfra.SvcInfraException;
import dev.svcinfra.config.IdempotencySettings;
import dev.svcinfra.sql.ConflictException;
import dev.svcinfra.sql.Database;
import dev.svcinfra.sql.DatabaseException;
import dev.svcinfra.sql.Transaction;
import dev.svcinfra.sql.TransactionOptions;
import dev.svcinfra.sql.idempotency.IdempotencyRecord;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Idempotency keys in the {@value IdempotencyRecord#TABLE} table (issue 18).
 *
 * <p>A request first {@link #claim claims} its key in a short transaction of its own, committed
 * before the request's transaction starts: that committed claim is what lets a second request with
 * the same key learn at once that the first is still running (409) instead of waiting behind its
 * locks, on every database, SQLite's single writer included. The request's transaction then stores
 * the response with {@link #complete}, together with the request's own writes: both commit or
 * neither does. When that transaction rolls back, {@link #release} deletes the claim so a retry
 * runs again. A claim whose request never finished (its process was killed, or the release failed
 * because the database was down) blocks the key until its lease runs out; then the next request
 * takes it over. A claim this process failed to release it takes over at once, since it knows its
 * request is gone: a retry after a failover does not wait out the lease. The same goes for a claim
 * whose own write failed: its commit may have been applied though the answer was lost ({@code
 * commit_outcome_unknown}, as when a primary dies during the commit and its synchronous standby
 * takes over), and the request never ran under it. A request that lost its claim that way stores
 * nothing and its writes roll back, so at most one request per key ever commits.
 *
 * <p>Times come from the application's clock: the hosts of a service are assumed to agree on the
 * time within a small part of the lease, as NTP keeps them.
 */
public final class IdempotencyStore {
  private static final Logger LOG = LoggerFactory.getLogger(IdempotencyStore.class);

  /** Rounds of look-then-write before a key that keeps changing under us is reported busy. */
  private static final int ATTEMPTS = 4;

  /** How often expired keys are deleted, at most. */
  static final Duration PURGE_INTERVAL = Duration.ofMinutes(5);

  private final Database db;
  private final IdempotencySettings settings;
  private final Clock clock;
  private final IdempotencyStatements sql;
  private final AtomicLong nextPurge = new AtomicLong(Long.MIN_VALUE);

  /**
   * Tokens of claims this process could not release, with the end of their lease: after that anyone
   * may take them over, and the entry is dropped at the next purge.
   */
  private final Map<String, Long> abandoned = new ConcurrentHashMap<>();

  /** Bounds the memory of {@link #abandoned} during a long outage; beyond it, leases apply. */
  private static final int MAX_ABANDONED = 10_000;

  public IdempotencyStore(Database db, IdempotencySettings settings, Clock clock) {
    this.db = db;
    this.settings = settings;
    this.clock = clock;
    this.sql = new IdempotencyStatements(db.dialect());
  }

  public IdempotencySettings settings() {
    return settings;
  }

  /**
   * Claims {@code keyHash} for a request with fingerprint {@code requestHash}.
   *
   * @return the claim to run the request under, or the stored response to replay
   * @throws SvcInfraException {@code idempotency_key_mismatch} when the key was used with another
   *     request, {@code idempotency_key_in_use} while the key's first request still runs
   */
  public ClaimResult claim(String keyHash, String requestHash) {
    if (db.currentTransaction().isPresent()) {
      // Joined to a running transaction, the claim would commit only with it: no other request
      // could see the key taken while this one runs.
      throw new IllegalStateException("an idempotency key is claimed outside any transaction");
    }
    if (!db.dialect().enforcesUniqueConstraints()) {
      throw new DatabaseException(
          ErrorCode.DATABASE_ERROR,
          "Idempotency-Key needs a database that enforces primary keys; "
              + db.dialect().name()
              + " does not, so two requests with the same key could both run",
          null);
    }
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      long now = clock.millis();
      String token = UUID.randomUUID().toString();
      // Read-only on the primary: on SQLite this look runs beside a running writer instead of
      // queueing for its lock, so a key in use is reported at once.
      Optional<Row> found = find(keyHash);
      long lockedUntil = now + settings.lease().toMillis();
      long expiresAt = now + settings.ttl().toMillis();
      if (found.isEmpty()) {
        if (claimWrote(
            token,
            () -> sql.insert(keyHash, requestHash, token, lockedUntil, expiresAt, now),
            true)) {
          return claimed(keyHash, token);
        }
        continue;
      }
      Row row = found.get();
      if (row.expiresAt() <= now) {
        if (claimWrote(
            token,
            () -> sql.reclaimExpired(keyHash, requestHash, token, lockedUntil, expiresAt, now),
            false)) {
          return claimed(keyHash, token);
        }
        continue;
      }
      if (!row.requestHash().equals(requestHash)) {
        throw new SvcInfraException(
            ErrorCode.IDEMPOTENCY_KEY_MISMATCH,
            "this Idempotency-Key was already used with a different request (method, path or"
                + " body); use a new key for a new request");
      }
      if (row.response().isPresent()) {
        return new ClaimResult.Replay(row.response().get());
      }
      // A claim this process abandoned (its request failed and so did the release) is known to
      // be nobody's: take it over now instead of making the retry wait out the lease.
      boolean abandonedHere = row.claim() != null && abandoned.containsKey(row.claim());
      if (row.lockedUntil() != null && row.lockedUntil() > now && !abandonedHere) {
        throw inUse();
      }
      long lapsedBy = abandonedHere ? Long.MAX_VALUE : now;
      if (row.claim() != null
          && claimWrote(
              token,
              () -> sql.takeOver(keyHash, row.claim(), token, lockedUntil, lapsedBy),
              false)) {
        abandoned.remove(row.claim());
        return claimed(keyHash, token);
      }
    }
    throw inUse();
  }

  /**
   * Stores the response of the claimed request in its own transaction {@code tx}.
   *
   * @throws SvcInfraException {@code idempotency_key_in_use} when the claim's lease ran out and
   *     another request took the key over: {@code tx} must roll back
   */
  public void complete(Transaction tx, Claim claim, StoredResponse response) {
    int rows =
        tx.execute(
            sql.complete(
                claim.keyHash(),
                claim.token(),
                response.status(),
                response.headersJson(),
                response.body()));
    if (rows != 1) {
      throw new SvcInfraException(
          ErrorCode.IDEMPOTENCY_KEY_IN_USE,
          "the request ran longer than the idempotency key's lease ("
              + settings.lease().toSeconds()
              + " s) and a retry took the key over; this request's writes are undone");
    }
  }

  /**
   * Frees the key of a request whose transaction rolled back. A failure is logged, not thrown: the
   * request already failed, and the claim frees itself when its lease runs out.
   */
  public void release(Claim claim) {
    try {
      db.useTransaction(tx -> tx.execute(sql.release(claim.keyHash(), claim.token())));
    } catch (RuntimeException e) {
      // Typically the database is away (a failover): the retry, once it is back, finds the claim
      // and, arriving here, takes it over at once (see claim).
      abandon(claim.token());
      LOG.warn(
          "could not release an idempotency key after its request failed ({}); the key is in use"
              + " until its lease runs out in at most {} s",
          e.getMessage(),
          settings.lease().toSeconds());
    }
  }

  /** Deletes every expired key; returns how many. */
  public int purgeExpired() {
    long now = clock.millis();
    return db.inTransaction(tx -> tx.execute(sql.purge(now)));
  }

  /**
   * Deletes expired keys when the last purge is older than {@link #PURGE_INTERVAL}; one caller at a
   * time does it, a failure is logged.
   */
  public void purgeWhenDue() {
    long now = clock.millis();
    long due = nextPurge.get();
    if (now < due || !nextPurge.compareAndSet(due, now + PURGE_INTERVAL.toMillis())) {
      return;
    }
    abandoned.values().removeIf(leaseEnd -> leaseEnd <= now);
    try {
      int deleted = purgeExpired();
      LOG.debug("deleted {} expired idempotency key(s)", deleted);
    } catch (RuntimeException e) {
      LOG.warn("could not delete expired idempotency keys: {}", e.getMessage());
    }
  }

  /**
   * The key's row. A statement failing for no data-related reason most often means the table was
   * never created: the message says how to create it, keeping the database's own words.
   */
  private Optional<Row> find(String keyHash) {
    try {
      return db.inTransaction(
          TransactionOptions.readOnlyOnPrimary(),
          tx -> tx.queryFirst(sql.find(keyHash), rs -> Row.read(rs, tx.dialect())));
    } catch (DatabaseException e) {
      if (e.code() != ErrorCode.DATABASE_ERROR) {
        throw e;
      }
      throw new DatabaseException(
          ErrorCode.DATABASE_ERROR,
          "Idempotency-Key needs the table "
              + IdempotencyRecord.TABLE
              + ": create it with a revision generated from "
              + IdempotencyRecord.class.getName()
              + " (docs/web.md, Idempotency keys), or turn the header off; "
              + e.getMessage(),
          e);
    }
  }

  private static ClaimResult claimed(String keyHash, String token) {
    return new ClaimResult.Claimed(new Claim(keyHash, token));
  }

  private static SvcInfraException inUse() {
    return new SvcInfraException(
        ErrorCode.IDEMPOTENCY_KEY_IN_USE,
        "a request with this Idempotency-Key is still being processed; retry after it finished");
  }

  /**
   * Runs one of the writes that claim the key under {@code token}, as {@link #wrote}. When it
   * fails, the claim may still have been stored: a commit whose answer was lost may have been
   * applied (issue 18: a primary killed while waiting for its synchronous standby, which then took
   * over with the claim). No request runs under {@code token} after this failure, so the token is
   * remembered as abandoned and the client's retry takes the key over at once instead of getting
   * 409 for the whole lease. A claim that was not stored leaves only that entry, which the first
   * purge after the lease drops.
   */
  private boolean claimWrote(
      String token, Supplier<dev.svcinfra.sql.SqlStatement> statement, boolean insert) {
    try {
      return wrote(statement, insert);
    } catch (RuntimeException e) {
      abandon(token);
      throw e;
    }
  }

  /** Remembers that no request of this process runs under {@code token} any more. */
  private void abandon(String token) {
    if (abandoned.size() < MAX_ABANDONED) {
      abandoned.put(token, clock.millis() + settings.lease().toMillis());
    }
  }

  /**
   * Runs one conditional write in a transaction of its own: true when it changed a row. A write
   * that lost a race changes none, or (an insert of a key just inserted by someone else, a write
   * DuckDB finds in conflict with another) fails with a conflict: false either way, and the caller
   * looks again.
   */
  private boolean wrote(Supplier<dev.svcinfra.sql.SqlStatement> statement, boolean insert) {
    try {
      return db.inTransaction(tx -> tx.execute(statement.get())) == 1;
    } catch (ConflictException e) {
      if (!insert) {
        throw e;
      }
      return false;
    } catch (DatabaseException e) {
      if (e.code() != ErrorCode.TRANSACTION_CONFLICT) {
        throw e;
      }
      return false;
    }
  }

  /** A key's row as the store reads it. */
  private record Row(
      String requestHash,
      String claim,
      Long lockedUntil,
      long expiresAt,
      Optional<StoredResponse> response) {
    static Row read(ResultSet rs, dev.svcinfra.sql.dialect.Dialect dialect) throws SQLException {
      // Columns in select order: some drivers read a row's columns forward only.
      String requestHash = rs.getString(1);
      String claim = rs.getString(2);
      long lockedUntil = rs.getLong(3);
      Long lease = rs.wasNull() ? null : lockedUntil;
      long expiresAt = rs.getLong(4);
      int status = rs.getInt(5);
      boolean completed = !rs.wasNull();
      String headers = rs.getString(6);
      byte[] body = (byte[]) dialect.read(rs, 7, IdempotencyStatements.BYTES);
      Optional<StoredResponse> response =
          completed ? Optional.of(StoredResponse.read(status, headers, body)) : Optional.empty();
      return new Row(requestHash, claim, lease, expiresAt, response);
    }
  }
}
