package dev.svcinfra.sql.repo;

import dev.svcinfra.sql.NotFoundException;
import dev.svcinfra.sql.SqlStatement;
import dev.svcinfra.sql.Transaction;
import dev.svcinfra.sql.model.ColumnType;
import dev.svcinfra.sql.model.internal.MappedColumn;
import dev.svcinfra.sql.model.internal.TableMapping;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The write half of {@link SqlRepository}: insert, update and delete by id, with the rules the
 * model declares (immutable fields, version check, timestamps, soft delete) and the entity-tag
 * preconditions. The repository keeps the reads and delegates its writes here.
 */
final class RowWrites<T> {
  private final SqlRepository<T> repository;
  private final TableMapping<T> mapping;
  private final WriteValues writer;

  /** The model's version and updated-at columns, or null; read on every update. */
  private final MappedColumn version;

  private final MappedColumn updatedAt;

  /** The compare half of conditional writes, and why a write by id matched no row. */
  private final TagCheck<T> tags;

  RowWrites(SqlRepository<T> repository, Set<String> immutable) {
    this.repository = repository;
    this.mapping = repository.mapping();
    this.writer = new WriteValues(mapping, immutable);
    this.version = mapping.version().orElse(null);
    this.updatedAt = mapping.updatedAt().orElse(null);
    this.tags = new TagCheck<>(repository);
  }

  /** See {@link SqlRepository#create(Transaction, Map)}. */
  T create(Transaction tx, Map<String, ?> values) {
    WriteRow row = writer.forCreate(values);
    TableStatements<T> s = repository.sql(tx);
    Object[] binds = new Object[row.size()];
    ColumnType[] types = new ColumnType[row.size()];
    row.bindInto(binds, types, 0);
    SqlStatement insert = new SqlStatement(s.insert(row), binds, types, mapping.table());
    if (s.dialect.supportsReturning()) {
      return tx.queryFirst(insert, s.rowMapper).orElseThrow();
    }
    MappedColumn idColumn = mapping.id();
    Object id = row.valueOf(idColumn);
    if (id == null) {
      id = idColumn.toJava(tx.insertReturningKey(insert, idColumn.type()));
    } else {
      tx.execute(insert);
    }
    Conditions c = s.select();
    s.byId(c, id);
    return tx.queryFirst(c.statement(mapping.table()), s.rowMapper).orElseThrow();
  }

  /** See {@link SqlRepository#update(Transaction, Scope, Object, Map, Collection)}. */
  T update(
      Transaction tx, Scope scope, Object id, Map<String, ?> values, Collection<String> ifTags) {
    Object expectedVersion =
        version != null && values.containsKey(version.name())
            ? SqlRepository.coerceField(version, values.get(version.name()))
            : null;
    WriteRow set = writer.forUpdate(values);
    TableStatements<T> s = repository.sql(tx);
    Target t = target(tx, s, scope, id, ifTags);
    Object key = t.key();
    List<Object> tagVersions = t.tagVersions();
    if (set.isEmpty() && updatedAt == null && version == null) {
      return reread(tx, scope, key, id);
    }
    Object updatedNow = updatedAt == null ? null : writer.updatedNow(updatedAt);
    SqlStatement update =
        s.updateById(set, updatedNow, key, t.where(), expectedVersion, tagVersions);
    if (s.dialect.supportsReturning()) {
      // By id: at most one row comes back.
      Optional<T> row = tx.queryFirst(update, s.rowMapper);
      if (row.isEmpty()) {
        throw tags.missing(tx, scope, key, id, expectedVersion, tagVersions);
      }
      return row.get();
    }
    if (tx.execute(update) == 0) {
      throw tags.missing(tx, scope, key, id, expectedVersion, tagVersions);
    }
    return reread(tx, scope, key, id);
  }

  /** See {@link SqlRepository#delete(Transaction, Scope, Object, Collection)}. */
  void delete(Transaction tx, Scope scope, Object id, Collection<String> ifTags) {
    TableStatements<T> s = repository.sql(tx);
    Target t = target(tx, s, scope, id, ifTags);
    MappedColumn sd = mapping.softDelete().orElse(null);
    Object marker =
        sd == null
            ? null
            : sd.type().kind() == ColumnType.Kind.BOOLEAN
                ? true
                : sd.toDatabase(writer.updatedNow(sd));
    if (tx.execute(s.deleteById(t.key(), t.where(), marker, t.tagVersions())) == 0) {
      throw tags.missing(tx, scope, t.key(), id, null, t.tagVersions());
    }
  }

  /** See {@link SqlRepository#restore(Transaction, Scope, Object)}. */
  T restore(Transaction tx, Scope scope, Object id) {
    if (mapping.softDelete().isEmpty()) {
      throw new IllegalStateException(
          mapping.type().getName()
              + " has no @SoftDelete column: delete removes its rows, so none can be restored");
    }
    Object key = repository.parseId(id);
    if (key == null) {
      throw new NotFoundException(mapping.table().name(), id);
    }
    TableStatements<T> s = repository.sql(tx);
    Object updatedNow = updatedAt == null ? null : writer.updatedNow(updatedAt);
    SqlStatement restore = s.restoreById(key, repository.scope(scope), updatedNow);
    // A unique value a live row took meanwhile fails the UPDATE itself (ConflictException) where
    // the index covers live rows only; elsewhere nothing changes and the row just comes back.
    if (s.dialect.supportsReturning()) {
      return tx.queryFirst(restore, s.rowMapper)
          .orElseThrow(() -> new NotFoundException(mapping.table().name(), id));
    }
    if (tx.execute(restore) == 0) {
      throw new NotFoundException(mapping.table().name(), id);
    }
    return reread(tx, scope, key, id);
  }

  /** The row a write by id aims at: its key, the scope's conditions, the tag versions to match. */
  private record Target(Object key, Criteria where, List<Object> tagVersions) {}

  /**
   * Parses the id (one that cannot be parsed names no row) and reads what the write's WHERE clause
   * compares.
   */
  private Target target(
      Transaction tx, TableStatements<T> s, Scope scope, Object id, Collection<String> ifTags) {
    Object key = repository.parseId(id);
    if (key == null) {
      throw new NotFoundException(mapping.table().name(), id);
    }
    Criteria where = repository.scope(scope);
    return new Target(key, where, tags.prepare(tx, s, scope, where, key, id, ifTags));
  }

  private T reread(Transaction tx, Scope scope, Object key, Object id) {
    return repository
        .get(tx, scope, key)
        .orElseThrow(() -> new NotFoundException(mapping.table().name(), id));
  }
}
