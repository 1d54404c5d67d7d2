package dev.svcinfra.sql.service;

import dev.svcinfra.sql.ConflictException;
import dev.svcinfra.sql.Transaction;
import dev.svcinfra.sql.repo.Scope;
import dev.svcinfra.sql.repo.SqlRepository;
import java.util.List;
import java.util.Map;

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
 * <p>The check and the write are separate statements. Declare the matching index on the model,
 * {@code @Index(columns = "email", unique = true, ignoreCase = true)} ({@link
 * dev.svcinfra.sql.model.annotation.Index#ignoreCase()}): the check's {@code LOWER(field) =
 * LOWER(?)} then uses the index instead of scanning the table, and two concurrent creates cannot
 * both succeed (the loser gets the same {@link ConflictException} from the database). The index
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

  @Override
  protected void checkCreate(Transaction tx, Scope scope, Map<String, Object> values) {
    check(tx, scope, null, values);
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
      if (values.get(field) instanceof String value
          && repository().existsIgnoreCase(tx, scope, field, value, exceptId)) {
        throw new ConflictException(
            field + " '" + value + "' already exists (ignoring case)", null, field, null);
      }
    }
  }
}
