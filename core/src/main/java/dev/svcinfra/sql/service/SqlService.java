package dev.svcinfra.sql.service;

import dev.svcinfra.sql.Transaction;
import dev.svcinfra.sql.repo.ListRequest;
import dev.svcinfra.sql.repo.Page;
import dev.svcinfra.sql.repo.Scope;
import dev.svcinfra.sql.repo.Slice;
import dev.svcinfra.sql.repo.SqlRepository;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Business rules around a {@link SqlRepository}: the same operations, with hooks a subclass
 * overrides to change input before a write or react after it (hash a password, audit a change).
 *
 * <pre>{@code
 * class UserService extends SqlService<User> {
 *   UserService(SqlRepository<User> repo) { super(repo); }
 *   @Override protected Map<String, Object> preCreate(Transaction tx, Map<String, Object> v) {
 *     v.put("password_hash", hash((String) v.remove("password"))); return v;
 *   }
 * }
 * }</pre>
 *
 * <p>Hooks run inside the caller's transaction, so a hook that throws rolls the write back. Order:
 * {@code preCreate}, checks, insert, {@code postCreate} (likewise for update and delete); a restore
 * runs first, then its checks and {@code postRestore}.
 *
 * @since 0.1
 */
public class SqlService<T> implements RowService<T> {
  private final SqlRepository<T> repository;

  public SqlService(SqlRepository<T> repository) {
    this.repository = repository;
  }

  public SqlRepository<T> repository() {
    return repository;
  }

  // ---- operations: the unscoped forms call the scoped ones with Scope.all() --------------------

  @Override
  public Page<T> list(Transaction tx, ListRequest request) {
    return repository.list(tx, request);
  }

  @Override
  public Slice<T> listAfter(Transaction tx, ListRequest request) {
    return repository.listAfter(tx, request);
  }

  @Override
  public Optional<T> get(Transaction tx, Object id) {
    return get(tx, Scope.all(), id);
  }

  @Override
  public Optional<T> get(Transaction tx, Scope scope, Object id) {
    return repository.get(tx, scope, id);
  }

  @Override
  public long count(Transaction tx) {
    return countFiltered(tx, Scope.all());
  }

  @Override
  public long countFiltered(Transaction tx, Scope scope) {
    return repository.countFiltered(tx, scope);
  }

  @Override
  public boolean exists(Transaction tx, Scope scope) {
    return countFiltered(tx, scope) > 0;
  }

  @Override
  public T create(Transaction tx, Map<String, ?> values) {
    return create(tx, Scope.all(), values);
  }

  /** Creates a row; {@code scope} is the caller's scope (a tenant), used by uniqueness checks. */
  @Override
  public T create(Transaction tx, Scope scope, Map<String, ?> values) {
    Map<String, Object> input = preCreate(tx, new LinkedHashMap<>(values));
    checkCreate(tx, scope, input);
    return postCreate(tx, repository.create(tx, input));
  }

  @Override
  public T update(Transaction tx, Object id, Map<String, ?> values) {
    return update(tx, Scope.all(), id, values);
  }

  @Override
  public T update(Transaction tx, Scope scope, Object id, Map<String, ?> values) {
    return update(tx, scope, id, values, null);
  }

  /**
   * Updates the row only when its tag ({@link SqlRepository#tag}) is one of {@code ifTags}; null
   * updates it whatever it is. The tag is compared atomically with the write (see {@link
   * SqlRepository#update(Transaction, Scope, Object, Map, Collection)}).
   */
  @Override
  public T update(
      Transaction tx, Scope scope, Object id, Map<String, ?> values, Collection<String> ifTags) {
    Map<String, Object> input = preUpdate(tx, id, new LinkedHashMap<>(values));
    checkUpdate(tx, scope, id, input);
    return postUpdate(tx, repository.update(tx, scope, id, input, ifTags));
  }

  @Override
  public void delete(Transaction tx, Object id) {
    delete(tx, Scope.all(), id);
  }

  @Override
  public void delete(Transaction tx, Scope scope, Object id) {
    delete(tx, scope, id, null);
  }

  /** Deletes the row only when its tag is one of {@code ifTags} (null: whatever it is). */
  @Override
  public void delete(Transaction tx, Scope scope, Object id, Collection<String> ifTags) {
    preDelete(tx, id);
    repository.delete(tx, scope, id, ifTags);
    postDelete(tx, id);
  }

  /**
   * Restores the row, then runs {@link #checkRestored} on it (live now, so a uniqueness rule sees
   * it among the others) and {@link #postRestore}; a check that throws rolls the restore back with
   * the caller's transaction.
   */
  @Override
  public T restore(Transaction tx, Scope scope, Object id) {
    T restored = repository.restore(tx, scope, id);
    checkRestored(tx, scope, restored);
    return postRestore(tx, restored);
  }

  // ---- hooks ---------------------------------------------------------------------------------

  /** Changes or checks create input (a mutable copy); returns what is inserted. */
  protected Map<String, Object> preCreate(Transaction tx, Map<String, Object> values) {
    return values;
  }

  /** Sees the created row; returns what the caller gets. */
  protected T postCreate(Transaction tx, T created) {
    return created;
  }

  /** Changes or checks update input (a mutable copy); returns what is written. */
  protected Map<String, Object> preUpdate(Transaction tx, Object id, Map<String, Object> values) {
    return values;
  }

  protected T postUpdate(Transaction tx, T updated) {
    return updated;
  }

  protected void preDelete(Transaction tx, Object id) {}

  protected void postDelete(Transaction tx, Object id) {}

  /** Checks create input after {@link #preCreate} with the caller's scope (uniqueness rules). */
  protected void checkCreate(Transaction tx, Scope scope, Map<String, Object> values) {}

  /** Checks update input after {@link #preUpdate} with the caller's scope. */
  protected void checkUpdate(Transaction tx, Scope scope, Object id, Map<String, Object> values) {}

  /** Checks a restored row, live again inside the caller's transaction (uniqueness rules). */
  protected void checkRestored(Transaction tx, Scope scope, T restored) {}

  /** Sees the restored row; returns what the caller gets. */
  protected T postRestore(Transaction tx, T restored) {
    return restored;
  }
}
