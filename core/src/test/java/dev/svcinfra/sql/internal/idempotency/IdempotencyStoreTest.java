package dev.svcinfra.sql.internal.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.svcinfra.ErrorCode;
import dev.svcinfra.SvcInfraException;
import dev.svcinfra.config.IdempotencySettings;
import dev.svcinfra.sql.Database;
import dev.svcinfra.sql.DatabaseSuite;
import dev.svcinfra.sql.TestDatabase;
import dev.svcinfra.sql.idempotency.IdempotencyRecord;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The store on every database: a claimed key replays its stored response, refuses another request
 * (422) and a second request while the first runs (409), frees itself when the request's
 * transaction rolls back, expires after its time to live, and is taken over after its lease ran
 * out, in which case the late request stores nothing and its writes roll back.
 */
class IdempotencyStoreTest extends DatabaseSuite {
  private static final String KEY = "a".repeat(64);
  private static final String REQUEST = "b".repeat(64);
  private static final String OTHER_REQUEST = "c".repeat(64);
  private static final StoredResponse CREATED =
      new StoredResponse(
          201,
          Map.of("Location", "/marks/1", "Content-Type", "application/json"),
          "{\"id\":1}".getBytes(StandardCharsets.UTF_8));

  private final TestClock clock = new TestClock();

  private Database prepare(TestDatabase kind) {
    Database db = open(kind);
    TestDatabase.create(db, IdempotencyRecord.table());
    db.useTransaction(tx -> tx.execute("CREATE TABLE marks (name VARCHAR(20) NOT NULL)"));
    return db;
  }

  private IdempotencyStore store(Database db) {
    return new IdempotencyStore(db, IdempotencySettings.defaults(), clock);
  }

  private static Claim claimed(ClaimResult r) {
    assertThat(r).isInstanceOf(ClaimResult.Claimed.class);
    return ((ClaimResult.Claimed) r).claim();
  }

  /** The request's write and its stored response, in one transaction. */
  private static void runAndComplete(
      Database db, IdempotencyStore store, Claim claim, String mark) {
    db.useTransaction(
        tx -> {
          tx.execute("INSERT INTO marks (name) VALUES (?)", mark);
          store.complete(tx, claim, CREATED);
        });
  }

  private static long marks(Database db) {
    return db.inTransaction(
        tx -> tx.query("SELECT COUNT(*) FROM marks", rs -> rs.getLong(1)).get(0));
  }

  private static ErrorCode codeOf(Runnable r) {
    try {
      r.run();
    } catch (SvcInfraException e) {
      return e.code();
    }
    throw new AssertionError("no exception");
  }

  @ParameterizedTest
  @MethodSource("dev.svcinfra.sql.TestDatabase#all")
  void aCompletedKeyReplaysItsResponseAndRefusesAnotherRequest(TestDatabase kind) {
    Database db = prepare(kind);
    IdempotencyStore store = store(db);
    Claim claim = claimed(store.claim(KEY, REQUEST));
    runAndComplete(db, store, claim, "first");

    ClaimResult again = store.claim(KEY, REQUEST);
    assertThat(again).isEqualTo(new ClaimResult.Replay(CREATED));
    assertThat(((ClaimResult.Replay) again).response().body())
        .asString(StandardCharsets.UTF_8)
        .isEqualTo("{\"id\":1}");
    assertThat(codeOf(() -> store.claim(KEY, OTHER_REQUEST)))
        .isEqualTo(ErrorCode.IDEMPOTENCY_KEY_MISMATCH);
    assertThat(marks(db)).isEqualTo(1);
  }

  @ParameterizedTest
  @MethodSource("dev.svcinfra.sql.TestDatabase#all")
  void aKeyInUseIsRefusedAndARolledBackRequestFreesIt(TestDatabase kind) {
    Database db = prepare(kind);
    IdempotencyStore store = store(db);
    Claim claim = claimed(store.claim(KEY, REQUEST));
    assertThat(codeOf(() -> store.claim(KEY, REQUEST))).isEqualTo(ErrorCode.IDEMPOTENCY_KEY_IN_USE);
    // A different body while the first runs is still a mismatch: the key is bound to its request.
    assertThat(codeOf(() -> store.claim(KEY, OTHER_REQUEST)))
        .isEqualTo(ErrorCode.IDEMPOTENCY_KEY_MISMATCH);

    // The request fails after its write, before its response is stored: nothing of it remains.
    assertThatThrownBy(
            () ->
                db.useTransaction(
                    tx -> {
                      tx.execute("INSERT INTO marks (name) VALUES (?)", "lost");
                      throw new IllegalStateException("crash between write and response");
                    }))
        .hasMessageContaining("crash between");
    store.release(claim);
    assertThat(marks(db)).isZero();

    // The retry with the same key runs, and only it is recorded.
    Claim retry = claimed(store.claim(KEY, REQUEST));
    runAndComplete(db, store, retry, "retry");
    assertThat(store.claim(KEY, REQUEST)).isInstanceOf(ClaimResult.Replay.class);
    assertThat(marks(db)).isEqualTo(1);
  }

  @ParameterizedTest
  @MethodSource("dev.svcinfra.sql.TestDatabase#all")
  void aKeyExpiresAfterItsTimeToLive(TestDatabase kind) {
    Database db = prepare(kind);
    IdempotencyStore store =
        new IdempotencyStore(
            db, IdempotencySettings.defaults().withTtl(Duration.ofSeconds(60)), clock);
    runAndComplete(db, store, claimed(store.claim(KEY, REQUEST)), "first");
    clock.advance(Duration.ofSeconds(59));
    assertThat(store.claim(KEY, REQUEST)).isInstanceOf(ClaimResult.Replay.class);
    clock.advance(Duration.ofSeconds(1));
    // Expired: the key is free again, even for another request, and nothing is replayed.
    Claim reused = claimed(store.claim(KEY, OTHER_REQUEST));
    assertThat(codeOf(() -> store.claim(KEY, OTHER_REQUEST)))
        .isEqualTo(ErrorCode.IDEMPOTENCY_KEY_IN_USE);
    runAndComplete(db, store, reused, "second");
    assertThat(marks(db)).isEqualTo(2);
    assertThat(codeOf(() -> store.claim(KEY, REQUEST)))
        .isEqualTo(ErrorCode.IDEMPOTENCY_KEY_MISMATCH);

    clock.advance(Duration.ofSeconds(61));
    assertThat(store.purgeExpired()).isEqualTo(1);
    assertThat(store.purgeExpired()).isZero();
  }

  /**
   * A claim whose request never finished (a killed process) frees the key once its lease ran out;
   * if that request still tries to store its response, it finds the key taken and its writes roll
   * back: one request per key commits.
   */
  @ParameterizedTest
  @MethodSource("dev.svcinfra.sql.TestDatabase#all")
  void aLapsedLeaseIsTakenOverAndTheLateRequestRollsBack(TestDatabase kind) {
    Database db = prepare(kind);
    IdempotencyStore store = store(db);
    Claim stale = claimed(store.claim(KEY, REQUEST));
    clock.advance(IdempotencySettings.DEFAULT_LEASE.minusMillis(1));
    assertThat(codeOf(() -> store.claim(KEY, REQUEST))).isEqualTo(ErrorCode.IDEMPOTENCY_KEY_IN_USE);
    clock.advance(Duration.ofMillis(1));
    Claim taken = claimed(store.claim(KEY, REQUEST));
    assertThat(taken.token()).isNotEqualTo(stale.token());

    assertThat(codeOf(() -> runAndComplete(db, store, stale, "late")))
        .isEqualTo(ErrorCode.IDEMPOTENCY_KEY_IN_USE);
    assertThat(marks(db)).isZero();
    // The late request's release does not free the key its successor holds.
    store.release(stale);
    assertThat(codeOf(() -> store.claim(KEY, REQUEST))).isEqualTo(ErrorCode.IDEMPOTENCY_KEY_IN_USE);
    runAndComplete(db, store, taken, "successor");
    assertThat(store.claim(KEY, REQUEST)).isEqualTo(new ClaimResult.Replay(CREATED));
    assertThat(marks(db)).isEqualTo(1);
  }

  /**
   * The database was away when a failed request released its key (a failover): the retry reaching
   * this process takes the key over at once instead of waiting out the lease, which another
   * process, that cannot know the request is gone, still honours.
   */
  @ParameterizedTest
  @MethodSource("dev.svcinfra.sql.TestDatabase#all")
  void aClaimThisProcessCouldNotReleaseIsFreeAtOnceHere(TestDatabase kind) {
    Database db = prepare(kind);
    IdempotencyStore store = store(db);
    IdempotencyStore otherProcess = store(db);
    Claim failed = claimed(store.claim(KEY, REQUEST));
    // The table out of reach while the release runs: the release fails, and says so in the log.
    db.useTransaction(tx -> tx.execute("DROP INDEX " + indexName(db)));
    db.useTransaction(tx -> tx.execute("ALTER TABLE svc_idempotency_keys RENAME TO away"));
    store.release(failed);
    db.useTransaction(tx -> tx.execute("ALTER TABLE away RENAME TO svc_idempotency_keys"));

    assertThat(codeOf(() -> otherProcess.claim(KEY, REQUEST)))
        .isEqualTo(ErrorCode.IDEMPOTENCY_KEY_IN_USE);
    Claim retry = claimed(store.claim(KEY, REQUEST));
    runAndComplete(db, store, retry, "retry");
    assertThat(otherProcess.claim(KEY, REQUEST)).isEqualTo(new ClaimResult.Replay(CREATED));
    assertThat(codeOf(() -> runAndComplete(db, store, failed, "late")))
        .isEqualTo(ErrorCode.IDEMPOTENCY_KEY_IN_USE);
    assertThat(marks(db)).isEqualTo(1);
  }

  /** DROP INDEX names the table on MariaDB only. */
  private static String indexName(Database db) {
    String index = "ix_svc_idempotency_keys_expires_at";
    return db.dialect().name().equals("mariadb") ? index + " ON svc_idempotency_keys" : index;
  }

  @ParameterizedTest
  @MethodSource("dev.svcinfra.sql.TestDatabase#all")
  void keysAreIndependent(TestDatabase kind) {
    Database db = prepare(kind);
    IdempotencyStore store = store(db);
    Claim one = claimed(store.claim(KEY, REQUEST));
    Claim two = claimed(store.claim("d".repeat(64), REQUEST));
    runAndComplete(db, store, one, "one");
    runAndComplete(db, store, two, "two");
    assertThat(marks(db)).isEqualTo(2);
  }

  /** Without the table a claim fails naming it and how to create it; nothing else is written. */
  @ParameterizedTest
  @MethodSource("dev.svcinfra.sql.TestDatabase#all")
  void aMissingTableIsNamedWithTheFix(TestDatabase kind) {
    Database db = open(kind);
    IdempotencyStore store = store(db);
    assertThatThrownBy(() -> store.claim(KEY, REQUEST))
        .isInstanceOfSatisfying(
            SvcInfraException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.DATABASE_ERROR))
        .hasMessageContaining("needs the table svc_idempotency_keys")
        .hasMessageContaining(IdempotencyRecord.class.getName());
  }

  @ParameterizedTest
  @MethodSource("dev.svcinfra.sql.TestDatabase#all")
  void aClaimInsideATransactionIsRefused(TestDatabase kind) {
    Database db = prepare(kind);
    IdempotencyStore store = store(db);
    assertThatThrownBy(() -> db.useTransaction(tx -> store.claim(KEY, REQUEST)))
        .isInstanceOf(IllegalStateException.class);
  }
}
