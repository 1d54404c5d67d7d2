package dev.svcinfra.sql.service;

import dev.svcinfra.sql.ConflictException;
import dev.svcinfra.sql.Transaction;
import dev.svcinfra.sql.dialect.Dialect;
import dev.svcinfra.sql.model.internal.Index;
import dev.svcinfra.sql.repo.Scope;
import dev.svcinfra.sql.repo.SqlRepository;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A service that keeps chosen text fields unique ignoring case ({@code Ann@Example.com} and {@code
 * ann@example.com} collide) among live rows of the caller's scope, answering with a {@link
 * ConflictException} that names the field and the value, on create, update and restore. Databases
 * compare case-sensitively or by collation; this rule is the same everywhere.
 *
 * <pre>{@code
 * SqlService<User> users = new DedupeSqlService<>(repo, List.of("email", "username"));
 * users.create(tx, Map.of("email", "ANN@example.com"));   // conflict if ann@example.com exists
 * }</pre>
 *
 * <p>Declare the matching index on the model, {@code @Index(columns = "email", unique = true,
 * ignoreCase = true)} ({@link dev.svcinfra.sql.model.annotation.Index#ignoreCase()}): two
 * concurrent creates then cannot both succeed, and a create needs no check at all. Where the
 * database enforces that index ({@link Dialect#enforcesUniqueIndex}) the INSERT goes straight
 * through and the index refuses a duplicate, answered with the same {@link ConflictException} the
 * check gives (issue 23), except inside a transaction of several statements on a database where a
 * refused INSERT spoils the rest of the transaction ({@link
 * Dialect#failedStatementAbortsTransaction}, PostgreSQL and DuckDB): there the check runs first, so
 * a caller that catches the conflict can go on. Updates and restores always check first; the
 * check's {@code LOWER(field) = LOWER(?)} uses the index instead of scanning the table. The index
 * covers every tenant, and soft-deleted rows too unless it is {@code liveRowsOnly}, so it is the
 * stricter rule; with {@code liveRowsOnly = true} the index and this check agree: a deleted row's
 * value can be used again, and restoring that row is the conflict (issue 21).
 *
 * @since 0.1
 */
public class DedupeSqlService<T> extends SqlService<T> {
  private final List<String> uniqueIgnoreCase;

  public DedupeSqlService(SqlRepository<T> repository, List<String> uniqueIgnoreCase) {
    super(repository);
    for (String f : uniqueIgnoreCase) {
      boolean textColumn =
          repository.mapping().column(f).filter(c -> c.type().isText()).isPresent();
      if (!textColumn) {
        throw new IllegalArgumentException(
            repository.mapping().type().getName()
                + " has no text column '"
                + f
                + "' to keep unique");
      }
    }
    this.uniqueIgnoreCase = List.copyOf(uniqueIgnoreCase);
  }

  /**
   * Creates the row; a duplicate refused by the unique index (which decides where {@link
   * #checkCreate} left the field to it) is the same conflict the check reports.
   */
  @Override
  public T create(Transaction tx, Scope scope, Map<String, ?> values) {
    try {
      return super.create(tx, scope, values);
    } catch (ConflictException e) {
      String field = e.field().orElse(null);
      if (field != null
          && uniqueIgnoreCase.contains(field)
          && values.get(field) instanceof String value) {
        throw duplicate(field, value, e);
      }
      throw e;
    }
  }

  @Override
  protected void checkCreate(Transaction tx, Scope scope, Map<String, Object> values) {
    for (String field : uniqueIgnoreCase) {
      if (!indexDecides(tx, field)) {
        check(tx, scope, null, field, values);
      }
    }
  }

  /**
   * Whether the database decides {@code field}'s duplicates on INSERT in {@code tx}: the model has
   * a unique ignore-case index on that field alone, the database enforces it, and a refused INSERT
   * cannot spoil statements after it (they abort the transaction on this database only when the
   * transaction is the INSERT alone, in auto-commit).
   */
  private boolean indexDecides(Transaction tx, String field) {
    Dialect dialect = tx.dialect();
    if (dialect.failedStatementAbortsTransaction() && !tx.isAutoCommit()) {
      return false;
    }
    return indexFor(field).filter(dialect::enforcesUniqueIndex).isPresent();
  }

  /**
   * Whether a create in auto-commit on {@code dialect} sends the INSERT alone: every field is left
   * to its index ({@link #indexDecides}).
   *
   * @since 0.4
   */
  public boolean createsWithoutCheck(Dialect dialect) {
    return uniqueIgnoreCase.stream()
        .allMatch(f -> indexFor(f).filter(dialect::enforcesUniqueIndex).isPresent());
  }

  /** The model's unique ignore-case index on {@code field} alone, if it declares one. */
  private Optional<Index> indexFor(String field) {
    return repository().mapping().table().indexes().stream()
        .filter(
            ix ->
                ix.unique()
                    && ix.ignoreCase()
                    && ix.columns().size() == 1
                    && ix.columns().get(0).equalsIgnoreCase(field))
        .findFirst();
  }

  @Override
  protected void checkUpdate(Transaction tx, Scope scope, Object id, Map<String, Object> values) {
    check(tx, scope, id, values);
  }

  /** A restored row is live again: another live row with one of its values is a conflict. */
  @Override
  protected void checkRestored(Transaction tx, Scope scope, T restored) {
    Map<String, Object> values = repository().mapping().toMap(restored);
    check(tx, scope, values.get(repository().mapping().id().name()), values);
  }

  private void check(Transaction tx, Scope scope, Object exceptId, Map<String, Object> values) {
    for (String field : uniqueIgnoreCase) {
      check(tx, scope, exceptId, field, values);
    }
  }

  private void check(
      Transaction tx, Scope scope, Object exceptId, String field, Map<String, Object> values) {
    if (values.get(field) instanceof String value
        && repository().existsIgnoreCase(tx, scope, field, value, exceptId)) {
      throw duplicate(field, value, null);
    }
  }

  private static ConflictException duplicate(String field, String value, Throwable cause) {
    return new ConflictException(
        field + " '" + value + "' already exists (ignoring case)", null, field, cause);
  }
}
