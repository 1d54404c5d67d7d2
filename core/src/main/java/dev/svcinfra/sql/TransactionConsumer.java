package dev.svcinfra.sql;

/**
 * Work that runs in a transaction and returns nothing; {@code X} is what it may throw.
 *
 * <pre>{@code
 * db.useTransaction(tx -> accounts.update(tx, id, Map.of("balance", 10)));
 * }</pre>
 *
 * @since 0.1
 */
@FunctionalInterface
public interface TransactionConsumer<X extends Exception> {
  void useTransaction(Transaction tx) throws X;
}
