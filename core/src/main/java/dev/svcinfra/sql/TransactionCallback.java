package dev.svcinfra.sql;

/**
 * Work that runs in a transaction and returns a value; {@code X} is what it may throw.
 *
 * <pre>{@code
 * long n = db.inTransaction(tx -> users.count(tx));
 * }</pre>
 *
 * @since 0.1
 */
@FunctionalInterface
public interface TransactionCallback<R, X extends Exception> {
  R withTransaction(Transaction tx) throws X;
}
