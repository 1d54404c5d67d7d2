package dev.svcinfra.sql.service;

import dev.svcinfra.sql.FieldError;
import dev.svcinfra.sql.Transaction;
import dev.svcinfra.sql.ValidationException;
import dev.svcinfra.sql.model.internal.MappedColumn;
import dev.svcinfra.sql.repo.ListRequest;
import dev.svcinfra.sql.repo.Page;
import dev.svcinfra.sql.repo.Scope;
import dev.svcinfra.sql.repo.Slice;
import dev.svcinfra.sql.repo.SqlRepository;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A service seen through one tenant: reads, counts and searches see only the tenant's rows; create
 * writes the tenant's value into the tenant column (another tenant's value in the input is refused,
 * never written); update cannot move a row to another tenant; another tenant's row is "not found"
 * for get, update and delete. The wrapped service's hooks still run.
 *
 * <pre>{@code
 * RowService<Note> notes = new TenantSqlService<>(new NoteService(repo), "acme", "tenant_id");
 * notes.create(tx, Map.of("title", "hello"));          // tenant_id = "acme"
 * notes.list(tx, ListRequest.firstPage());              // only acme's notes
 * }</pre>
 *
 * <p>It wraps the service and does not extend it (issue 17): every operation of {@link RowService}
 * is written here and passes the tenant on, so none can be inherited unscoped.
 *
 * @since 0.1
 */
public final class TenantSqlService<T> implements RowService<T> {
  private final SqlService<T> inner;
  private final MappedColumn tenantColumn;
  private final Object tenantId;
  private final Scope tenantScope;

  /** Scopes {@code inner} to {@code tenantId} in {@code tenantField}. */
  public TenantSqlService(SqlService<T> inner, Object tenantId, String tenantField) {
    this.inner = inner;
    this.tenantColumn =
        inner
            .repository()
            .mapping()
            .column(tenantField)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        inner.repository().mapping().type().getName()
                            + " has no tenant column '"
                            + tenantField
                            + "'"));
    if (tenantId == null) {
      throw new IllegalArgumentException("a tenant id is required");
    }
    this.tenantId = tenantColumn.coerce(tenantId);
    this.tenantScope = Scope.where(tenantField, this.tenantId);
  }

  /** Scopes a plain repository (no hooks besides the tenant rules). */
  public TenantSqlService(SqlRepository<T> repository, Object tenantId, String tenantField) {
    this(new SqlService<>(repository), tenantId, tenantField);
  }

  public Object tenantId() {
    return tenantId;
  }

  @Override
  public Page<T> list(Transaction tx, ListRequest request) {
    return inner.list(tx, request.withFilters(scoped(request.filters())));
  }

  @Override
  public Slice<T> listAfter(Transaction tx, ListRequest request) {
    return inner.listAfter(tx, request.withFilters(scoped(request.filters())));
  }

  @Override
  public Optional<T> get(Transaction tx, Object id) {
    return get(tx, Scope.all(), id);
  }

  @Override
  public Optional<T> get(Transaction tx, Scope scope, Object id) {
    return inner.get(tx, scoped(scope), id);
  }

  @Override
  public long count(Transaction tx) {
    return countFiltered(tx, Scope.all());
  }

  @Override
  public long countFiltered(Transaction tx, Scope scope) {
    return inner.countFiltered(tx, scoped(scope));
  }

  @Override
  public boolean exists(Transaction tx, Scope scope) {
    return inner.exists(tx, scoped(scope));
  }

  @Override
  public T create(Transaction tx, Map<String, ?> values) {
    return create(tx, Scope.all(), values);
  }

  @Override
  public T create(Transaction tx, Scope scope, Map<String, ?> values) {
    Map<String, Object> input = new LinkedHashMap<>(values);
    refuseOtherTenant(input);
    input.put(tenantColumn.name(), tenantId);
    return inner.create(tx, scoped(scope), input);
  }

  @Override
  public T update(Transaction tx, Object id, Map<String, ?> values) {
    return update(tx, Scope.all(), id, values, null);
  }

  @Override
  public T update(Transaction tx, Scope scope, Object id, Map<String, ?> values) {
    return update(tx, scope, id, values, null);
  }

  @Override
  public T update(
      Transaction tx, Scope scope, Object id, Map<String, ?> values, Collection<String> ifTags) {
    Map<String, Object> input = new LinkedHashMap<>(values);
    refuseOtherTenant(input);
    input.remove(tenantColumn.name());
    // Unconditional writes keep calling the four-argument form the inner service may override.
    return ifTags == null
        ? inner.update(tx, scoped(scope), id, input)
        : inner.update(tx, scoped(scope), id, input, ifTags);
  }

  @Override
  public void delete(Transaction tx, Object id) {
    delete(tx, Scope.all(), id, null);
  }

  @Override
  public void delete(Transaction tx, Scope scope, Object id) {
    delete(tx, scope, id, null);
  }

  @Override
  public void delete(Transaction tx, Scope scope, Object id, Collection<String> ifTags) {
    if (ifTags == null) {
      inner.delete(tx, scoped(scope), id);
    } else {
      inner.delete(tx, scoped(scope), id, ifTags);
    }
  }

  @Override
  public T restore(Transaction tx, Scope scope, Object id) {
    return inner.restore(tx, scoped(scope), id);
  }

  /** The caller's scope plus the tenant; a scope naming another tenant is refused. */
  private Scope scoped(Scope scope) {
    if (scope.isEmpty()) {
      return tenantScope;
    }
    refuseOtherTenant(scope.conditions());
    // and() keeps the scope's typed filters; they narrow within the tenant, never beyond it.
    return scope.and(tenantColumn.name(), tenantId);
  }

  private void refuseOtherTenant(Map<String, Object> values) {
    if (!values.containsKey(tenantColumn.name())) {
      return;
    }
    Object given;
    try {
      given = tenantColumn.coerce(values.get(tenantColumn.name()));
    } catch (IllegalArgumentException e) {
      given = values.get(tenantColumn.name());
    }
    if (!Objects.equals(given, tenantId)) {
      throw ValidationException.of(
          tenantColumn.name(),
          FieldError.NOT_ALLOWED,
          "is set by the current tenant and cannot name another tenant");
    }
  }
}
