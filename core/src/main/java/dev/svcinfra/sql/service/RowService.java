package dev.svcinfra.sql.service;

import dev.svcinfra.sql.NotFoundException;
import dev.svcinfra.sql.Transaction;
import dev.svcinfra.sql.repo.ListRequest;
import dev.svcinfra.sql.repo.Page;
import dev.svcinfra.sql.repo.Scope;
import dev.svcinfra.sql.repo.Slice;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/**
 * The reads and writes a service offers over one table model. {@link SqlService} runs them with its
 * hooks; {@link TenantSqlService} runs them through another service, inside one tenant.
 *
 * <pre>{@code
 * RowService<Note> notes = new TenantSqlService<>(new NoteService(repo), "acme", "tenant_id");
 * Page<Note> page = notes.list(tx, ListRequest.firstPage());
 * }</pre>
 *
 * <p>Every method is abstract on purpose (issue 17): a method added here does not compile in {@link
 * TenantSqlService} until it is written there, inside the tenant's scope.
 *
 * @since 0.1
 */
public interface RowService<T> {
  /** One page of rows matching the request (offset paging, optionally searched). */
  Page<T> list(Transaction tx, ListRequest request);

  /** One keyset slice of rows matching the request ({@link ListRequest.Builder#after}). */
  Slice<T> listAfter(Transaction tx, ListRequest request);

  Optional<T> get(Transaction tx, Object id);

  /** The live row with this id inside the scope; empty also when the id cannot be parsed. */
  Optional<T> get(Transaction tx, Scope scope, Object id);

  long count(Transaction tx);

  /** Live rows matching the scope. */
  long countFiltered(Transaction tx, Scope scope);

  /** Whether any live row matches the scope. */
  boolean exists(Transaction tx, Scope scope);

  T create(Transaction tx, Map<String, ?> values);

  /** Creates a row; {@code scope} is the caller's scope (a tenant), used by uniqueness checks. */
  T create(Transaction tx, Scope scope, Map<String, ?> values);

  T update(Transaction tx, Object id, Map<String, ?> values);

  T update(Transaction tx, Scope scope, Object id, Map<String, ?> values);

  /**
   * Updates the row only when its tag is one of {@code ifTags} (null: whatever it is).
   *
   * @throws NotFoundException when no such live row exists in the scope
   */
  T update(
      Transaction tx, Scope scope, Object id, Map<String, ?> values, Collection<String> ifTags);

  void delete(Transaction tx, Object id);

  void delete(Transaction tx, Scope scope, Object id);

  /** Deletes the row only when its tag is one of {@code ifTags} (null: whatever it is). */
  void delete(Transaction tx, Scope scope, Object id, Collection<String> ifTags);

  /**
   * Brings back the soft-deleted row with this id inside the scope and returns it.
   *
   * @throws NotFoundException when no such deleted row exists in the scope
   * @throws dev.svcinfra.sql.ConflictException when a live row took one of its unique values
   * @throws IllegalStateException when the model has no soft-delete column
   * @since 0.3
   */
  T restore(Transaction tx, Scope scope, Object id);
}
