package dev.svcinfra.sql.internal.idempotency;

/** What claiming a key gives: the key to run the request under, or the response to replay. */
public sealed interface ClaimResult {
  /** The key is this request's: run it, then store its response or release the key. */
  record Claimed(Claim claim) implements ClaimResult {}

  /** The key's request completed before: answer with its response, run nothing. */
  record Replay(StoredResponse response) implements ClaimResult {}
}
