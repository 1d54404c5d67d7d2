package dev.svcinfra.sql.repo;

import dev.svcinfra.sql.ConflictException;
import dev.svcinfra.sql.NotFoundException;
import dev.svcinfra.sql.PreconditionFailedException;
import dev.svcinfra.sql.Transaction;
import dev.svcinfra.sql.model.internal.MappedColumn;
import dev.svcinfra.sql.model.internal.TableMapping;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The compare half of a repository's conditional writes (issue 16, lost updates), and why a write
 * by id matched no row. A versioned model compares inside the write (the versions the tags name go
 * into its WHERE clause); any other model is read with the dialect's locking read and compared
 * before the write, so the row cannot change in between.
 */
final class TagCheck<T> {
  private final SqlRepository<T> repository;
  private final TableMapping<T> mapping;

  /** The model's version column, or null. */
  private final MappedColumn version;

  TagCheck(SqlRepository<T> repository) {
    this.repository = repository;
    this.mapping = repository.mapping();
    this.version = mapping.version().orElse(null);
  }

  /**
   * Checks {@code ifTags} (null: no condition) before a write: for a versioned model, returns the
   * versions the write must find; otherwise locks and compares the row and returns null.
   */
  List<Object> prepare(
      Transaction tx,
      TableStatements<T> s,
      Scope scope,
      Criteria where,
      Object key,
      Object id,
      Collection<String> ifTags) {
    if (ifTags == null) {
      return null;
    }
    if (version != null) {
      return tagVersions(tx, scope, key, id, ifTags);
    }
    lockAndCompare(tx, s, where, key, id, ifTags);
    return null;
  }

  /**
   * Why a versioned UPDATE or DELETE by id matched no row: gone (404), a tag that does not match
   * (412) or an outdated version in the body (409). A row this transaction still sees with a
   * matching version was changed by a transaction its snapshot does not show (MariaDB's repeatable
   * read): that, too, is a failed tag when tags were given.
   */
  RuntimeException missing(
      Transaction tx,
      Scope scope,
      Object key,
      Object id,
      Object expectedVersion,
      List<Object> tagVersions) {
    Optional<T> row =
        (expectedVersion != null || tagVersions != null)
            ? repository.get(tx, scope, key)
            : Optional.empty();
    if (row.isEmpty()) {
      return new NotFoundException(mapping.table().name(), id);
    }
    Object current = version.get(row.get());
    if (tagVersions != null && !tagVersions.contains(current)) {
      return new PreconditionFailedException(mapping.table().name(), id);
    }
    if (expectedVersion == null || expectedVersion.equals(current)) {
      return tagVersions != null
          ? new PreconditionFailedException(mapping.table().name(), id)
          : new NotFoundException(mapping.table().name(), id);
    }
    String v = version.name();
    return new ConflictException(
        mapping.table().name()
            + " "
            + id
            + " was changed by someone "
            + "else: "
            + v
            + " "
            + expectedVersion
            + " is outdated; reload and retry",
        null,
        v,
        null);
  }

  /**
   * The versions {@code ifTags} name, for the WHERE clause of a versioned write. A tag that is no
   * version can never match; when none is left, the row is only looked up to answer 404 or 412
   * without writing.
   */
  private List<Object> tagVersions(
      Transaction tx, Scope scope, Object key, Object id, Collection<String> ifTags) {
    List<Object> out = new ArrayList<>();
    for (String tag : ifTags) {
      try {
        Object v = version.coerce(tag);
        // Tags compare as exact text (RFC 9110 strong comparison): "03" is not the tag "3".
        if (v != null && v.toString().equals(tag) && !out.contains(v)) {
          out.add(v);
        }
      } catch (IllegalArgumentException | ArithmeticException e) {
        // not a version: matches no row
      }
    }
    if (out.isEmpty()) {
      throw repository.get(tx, scope, key).isPresent()
          ? new PreconditionFailedException(mapping.table().name(), id)
          : new NotFoundException(mapping.table().name(), id);
    }
    return out;
  }

  /**
   * Reads the live row with the dialect's locking read and compares its tag: the row then stays as
   * compared until the transaction ends (see {@code Dialect.selectForUpdate} per database).
   */
  private void lockAndCompare(
      Transaction tx,
      TableStatements<T> s,
      Criteria where,
      Object key,
      Object id,
      Collection<String> ifTags) {
    T row =
        tx.queryFirst(s.selectForUpdate(key, where), s.rowMapper)
            .orElseThrow(() -> new NotFoundException(mapping.table().name(), id));
    if (!ifTags.contains(repository.tag(row))) {
      throw new PreconditionFailedException(mapping.table().name(), id);
    }
  }
}
