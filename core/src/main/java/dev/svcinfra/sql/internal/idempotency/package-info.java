/**
 * The idempotency-key store behind {@code Idempotency-Key}: claims a key in a short transaction of
 * its own, stores the response in the request's transaction, releases the key when that transaction
 * rolls back. The HTTP integration uses it.
 *
 * <p><b>Internal:</b> not supported API. It may change or disappear in any release without notice.
 */
package dev.svcinfra.sql.internal.idempotency;
