/**
 * Idempotency keys: {@link dev.svcinfra.sql.idempotency.IdempotencyRecord} is the table that keeps,
 * for each key a client sent, a fingerprint of its request and the response it got, written in the
 * same transaction as the request's own writes. Add it to the models a revision is generated from
 * (docs/web.md, "Idempotency keys").
 */
package dev.svcinfra.sql.idempotency;
