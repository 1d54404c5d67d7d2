package dev.svcinfra.sql.internal.idempotency;

/**
 * A key this request holds while it runs: the key's hash and the random token that tells this
 * request's claim from any later one on the same key.
 */
public record Claim(String keyHash, String token) {}
