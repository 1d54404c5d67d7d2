package dev.svcinfra.sql.repo;

import dev.svcinfra.sql.ConflictException;
import dev.svcinfra.sql.FieldError;
import dev.svcinfra.sql.NotFoundException;
import dev.svcinfra.sql.PreconditionFailedException;
import dev.svcinfra.sql.SqlStatement;
import dev.svcinfra.sql.Transaction;
import dev.svcinfra.sql.ValidationException;
import dev.svcinfra.sql.model.ColumnType;
import dev.svcinfra.sql.model.internal.MappedColumn;
import dev.svcinfra.sql.model.internal.TableMapping;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * CRUD, search, counting and pagination for one table model, in the dialect of the transaction it
 * is given. Soft-deleted rows are invisible to every operation but {@link #restore}; immutable
 * fields are ignored on update; timestamps, versions and generated ids are set by the library.
 * Input maps are keyed by column name (what JSON bodies carry), results are model instances.
 *
 * <pre>{@code
 * SqlRepository<User> users = SqlRepository.builder(User.class)
 *     .searchFields("name", "email").orderFields("name", "created_at").build();
 * User u = db.inTransaction(tx -> users.create(tx, Map.of("email", "a@example.com")));
 * Page<User> page = db.inReadOnlyTransaction(tx -> users.list(tx,
 *     ListRequest.builder().search("ann").orderBy("name").limit(20).build()));
 * }</pre>
 *
 * <p>Thread-safe and cheap to share: build one per model at start-up.
 *
 * @since 0.1
 */
public final class SqlRepository<T> {
  private final TableMapping<T> mapping;
  private final Map<String, MappedColumn> searchable;
  private final Map<String, MappedColumn> orderable;
  private final RowWrites<T> writes;
  private volatile TableStatements<T> sql;

  SqlRepository(
      TableMapping<T> mapping,
      Map<String, MappedColumn> searchable,
      Map<String, MappedColumn> orderable,
      Set<String> immutable) {
    this.mapping = mapping;
    this.searchable = Map.copyOf(searchable);
    this.orderable = Map.copyOf(orderable);
    this.writes = new RowWrites<>(this, immutable);
  }

  /** A repository with the default allowlists (see {@link SqlRepositoryBuilder}). */
  public static <T> SqlRepository<T> of(Class<T> model) {
    return builder(model).build();
  }

  public static <T> SqlRepositoryBuilder<T> builder(Class<T> model) {
    return new SqlRepositoryBuilder<>(TableMapping.of(model));
  }

  public TableMapping<T> mapping() {
    return mapping;
  }

  /** Columns {@code search} may look in. */
  public Set<String> searchFields() {
    return searchable.keySet();
  }

  /** Columns lists may be ordered by. */
  public Set<String> orderFields() {
    return orderable.keySet();
  }

  /**
   * A row's tag: its {@code @Version}, else a hash of every column's value. It changes with the
   * row; conditional updates and deletes take it back to write only an unchanged row.
   */
  public String tag(T row) {
    return RowTag.of(mapping, row);
  }

  // ---- reads ---------------------------------------------------------------------------------

  public Optional<T> get(Transaction tx, Object id) {
    return get(tx, Scope.all(), id);
  }

  /** The live row with this id inside the scope; empty also when the id cannot be parsed. */
  public Optional<T> get(Transaction tx, Scope scope, Object id) {
    Object key = parseId(id);
    if (key == null) {
      return Optional.empty();
    }
    TableStatements<T> s = sql(tx);
    SqlStatement select;
    if (scope.isEmpty()) {
      select = s.selectLiveById(key);
    } else {
      Conditions c = s.select();
      s.byId(c, key);
      s.live(c);
      s.scope(c, scope(scope));
      select = c.statement(mapping.table());
    }
    // The id is unique: the first row is the row.
    return tx.queryFirst(select, s.rowMapper);
  }

  /**
   * One page of live rows: those matching the request's filters (equality and typed {@link
   * Filter}s, whose bad values are a {@link ValidationException} naming each) and, when it
   * searches, whose named fields (default: all search fields) contain its {@code q}, ignoring case
   * ({@code %}, {@code _} and {@code \} match literally). Order and search fields the repository
   * does not allow are an error naming them. The total is counted as the request's {@link
   * ListRequest#count()} says; a page with fewer rows than its limit reports its exact total
   * without a count statement (unless the request counts nothing).
   *
   * @throws IllegalArgumentException for a keyset request, which {@link #listAfter} reads
   */
  public Page<T> list(Transaction tx, ListRequest request) {
    if (request.keyset()) {
      throw new IllegalArgumentException(
          "a keyset request (built with after) is read with " + "listAfter, which answers a Slice");
    }
    int limit = request.limit();
    long offset = request.offset();
    List<OrderBy> order = OrderBy.parse(request.orderBy(), orderable);
    String q = request.q();
    List<MappedColumn> in =
        q == null ? List.of() : SearchFilter.columns(mapping, searchable, request.fields());
    Criteria where = scope(request.filters());
    TableStatements<T> s = sql(tx);
    Consumer<Conditions> matching =
        c -> {
          s.live(c);
          s.scope(c, where);
          SearchFilter.apply(s, c, in, q);
        };
    Conditions items = s.select();
    matching.accept(items);
    s.orderBy(items, order);
    s.page(items, limit, offset);
    List<T> rows = tx.query(items.statement(mapping.table()), s.rowMapper);
    // A page with fewer rows than its limit shows the total itself, unless it is past the end.
    boolean shown = rows.size() < limit && (offset == 0 || !rows.isEmpty());
    ListTotal total =
        request.count() == CountMode.NONE
            ? ListTotal.NONE
            : shown
                ? ListTotal.exact(offset + rows.size())
                : ListTotal.of(tx, s, request.count(), matching, offset + rows.size());
    return new Page<>(rows, total.value(), limit, offset, total.kind());
  }

  public long count(Transaction tx) {
    return countFiltered(tx, Scope.all());
  }

  /** Live rows matching the scope. */
  public long countFiltered(Transaction tx, Scope scope) {
    TableStatements<T> s = sql(tx);
    Conditions c = s.count();
    s.live(c);
    s.scope(c, scope(scope));
    return ListTotal.countOf(tx, c);
  }

  /** Whether any live row matches the scope. */
  public boolean exists(Transaction tx, Scope scope) {
    return countFiltered(tx, scope) > 0;
  }

  public boolean existsById(Transaction tx, Object id) {
    return get(tx, id).isPresent();
  }

  /**
   * Whether a live row in the scope has {@code value} in {@code field}, ignoring case, other than
   * the row {@code exceptId} (null for none). The uniqueness helper uses it.
   */
  public boolean existsIgnoreCase(
      Transaction tx, Scope scope, String field, String value, Object exceptId) {
    MappedColumn column =
        mapping
            .column(field)
            .filter(c -> c.type().isText())
            .orElseThrow(
                () ->
                    ValidationException.of(
                        field,
                        FieldError.UNKNOWN_FIELD,
                        "is not a text field of " + mapping.table().name()));
    TableStatements<T> s = sql(tx);
    Conditions c = s.count();
    s.live(c);
    s.scope(c, scope(scope));
    c.and(s.dialect.equalsIgnoreCase(s.quoted(column))).value(value, column.type());
    Object key = exceptId == null ? null : parseId(exceptId);
    if (key != null) {
      c.and(s.quotedId + " <> ?").value(mapping.id().toDatabase(key), mapping.id().type());
    }
    return ListTotal.countOf(tx, c) > 0;
  }

  /**
   * Keyset pagination: up to {@code limit} live rows matching the filters after the request's
   * cursor (null for the first slice), in the order of its first order field (one allowlisted NOT
   * NULL field, {@code -} for descending; none: the id), with the id as tie-breaker. The slice has
   * a total only when the request's {@link ListRequest#count()} asks for one.
   *
   * @throws IllegalArgumentException for an offset request, which {@link #list} reads
   */
  public Slice<T> listAfter(Transaction tx, ListRequest request) {
    if (!request.keyset()) {
      throw new IllegalArgumentException(
          "an offset request is read with list; build a keyset " + "request with after(cursor)");
    }
    List<String> fields = request.orderBy();
    OrderBy order =
        fields.isEmpty() || fields.get(0) == null || fields.get(0).isBlank()
            ? new OrderBy(mapping.id(), false)
            : OrderBy.parse(fields.subList(0, 1), orderable).get(0);
    TableStatements<T> s = sql(tx);
    Criteria where = scope(request.filters());
    Slice<T> slice = KeysetQuery.slice(tx, s, where, request.cursor(), request.limit(), order);
    // The first slice with no next one holds every matching row: its size is the total.
    ListTotal total =
        request.count() == CountMode.NONE
            ? ListTotal.NONE
            : request.cursor() == null && slice.nextCursor().isEmpty()
                ? ListTotal.exact(slice.items().size())
                : ListTotal.of(
                    tx,
                    s,
                    request.count(),
                    c -> {
                      s.live(c);
                      s.scope(c, where);
                    },
                    slice.items().size());
    return new Slice<>(
        slice.items(), slice.nextCursor(), slice.limit(), total.value(), total.kind());
  }

  // ---- writes --------------------------------------------------------------------------------

  /** Inserts a row from column-keyed values and returns it as stored. */
  public T create(Transaction tx, Map<String, ?> values) {
    return writes.create(tx, values);
  }

  /** Inserts a model instance; a null id is generated as the model says. */
  public T create(Transaction tx, T instance) {
    Map<String, Object> values = new LinkedHashMap<>(mapping.toMap(instance));
    values.values().removeIf(v -> v == null);
    return create(tx, values);
  }

  public T update(Transaction tx, Object id, Map<String, ?> values) {
    return update(tx, Scope.all(), id, values);
  }

  /**
   * Changes the live row with this id inside the scope and returns it. Immutable fields in {@code
   * values} are ignored; a version field, when given, must match the stored one.
   *
   * @throws NotFoundException when no such live row exists in the scope
   * @throws ConflictException when the given version is outdated
   */
  public T update(Transaction tx, Scope scope, Object id, Map<String, ?> values) {
    return update(tx, scope, id, values, null);
  }

  /**
   * As {@link #update(Transaction, Scope, Object, Map)}, only when the row's {@link #tag} is one of
   * {@code ifTags} (null: whatever it is), compared atomically with the write: in its WHERE clause
   * for a {@code @Version}, else after the dialect's locking read of the row.
   *
   * @throws NotFoundException when no such live row exists in the scope (whatever the tags)
   * @throws PreconditionFailedException when the row's tag is none of {@code ifTags}
   * @throws ConflictException when a version given in {@code values} is outdated
   */
  public T update(
      Transaction tx, Scope scope, Object id, Map<String, ?> values, Collection<String> ifTags) {
    return writes.update(tx, scope, id, values, ifTags);
  }

  public void delete(Transaction tx, Object id) {
    delete(tx, Scope.all(), id);
  }

  /**
   * Deletes the live row with this id inside the scope: marks it deleted when the model has a
   * soft-delete column, removes it otherwise.
   *
   * @throws NotFoundException when no such live row exists (also when it was deleted before)
   */
  public void delete(Transaction tx, Scope scope, Object id) {
    delete(tx, scope, id, null);
  }

  /**
   * As {@link #delete(Transaction, Scope, Object)}, only when the row's {@link #tag} is one of
   * {@code ifTags} (null: whatever it is), compared atomically with the delete.
   *
   * @throws NotFoundException when no such live row exists in the scope (whatever the tags)
   * @throws PreconditionFailedException when the row's tag is none of {@code ifTags}
   */
  public void delete(Transaction tx, Scope scope, Object id, Collection<String> ifTags) {
    writes.delete(tx, scope, id, ifTags);
  }

  /**
   * Brings back the soft-deleted row with this id inside the scope (tenant-scoped like {@link
   * #delete(Transaction, Scope, Object)}): clears its soft-delete column and stamps it as any write
   * does ({@code updated_at}, {@code version + 1}). A unique index that covers live rows only
   * ({@link dev.svcinfra.sql.model.annotation.Index#liveRowsOnly()}) fails the restore when a live
   * row took one of its values meanwhile.
   *
   * @throws NotFoundException when no such deleted row exists in the scope (a live one included)
   * @throws ConflictException when a live row holds one of its unique values
   * @throws IllegalStateException when the model has no soft-delete column
   * @since 0.3
   */
  public T restore(Transaction tx, Scope scope, Object id) {
    return writes.restore(tx, scope, id);
  }

  // ---- shared with RowWrites and TagCheck
  // -------------------------------------------------------------------------------

  TableStatements<T> sql(Transaction tx) {
    TableStatements<T> s = sql;
    if (s == null || s.dialect != tx.dialect()) {
      s = new TableStatements<>(tx.dialect(), mapping);
      sql = s;
    }
    return s;
  }

  Object parseId(Object id) {
    try {
      return id == null ? null : mapping.id().coerce(id);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  static Object coerceField(MappedColumn c, Object value) {
    try {
      return c.coerce(value);
    } catch (IllegalArgumentException e) {
      throw ValidationException.of(c.name(), FieldError.INVALID_TYPE, "expected " + c.expected());
    }
  }

  /**
   * The scope checked against the model: equality values coerced, filters bound.
   *
   * @throws ValidationException naming each field or filter parameter that does not fit
   */
  Criteria scope(Scope scope) {
    if (scope.isEmpty()) {
      return Criteria.NONE;
    }
    Map<MappedColumn, Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : scope.conditions().entrySet()) {
      MappedColumn c =
          mapping
              .column(e.getKey())
              .orElseThrow(
                  () ->
                      ValidationException.of(
                          e.getKey(),
                          FieldError.UNKNOWN_FIELD,
                          "is not a field of " + mapping.table().name()));
      Object value = coerceField(c, e.getValue());
      // A decimal filter with more digits than its column can match no row; refused like a
      // write, naming the field (issue 16), rather than compared after rounding.
      out.put(c, c.type().kind() == ColumnType.Kind.DECIMAL ? c.fit(value) : value);
    }
    return new Criteria(out, BoundFilter.bind(mapping, scope.filters()));
  }
}
