package dev.svcinfra.mongo;

import dev.svcinfra.ErrorCode;

/**
 * A declared index cannot be created as declared: an index of that name or on those keys exists
 * with other options, or existing documents break a declared unique index. Code {@code
 * index_conflict}. Nothing is dropped automatically: the message says what differs so an operator
 * can decide.
 *
 * <pre>{@code
 * try { MongoIndexes.ensure(db, declared); }
 * catch (IndexConflictException e) { log.error("index {}: {}", e.index().describe(), e.getMessage()); }
 * }</pre>
 *
 * @since 0.1
 */
public class IndexConflictException extends MongoStoreException {
  private static final long serialVersionUID = 1L;

  private final transient MongoIndex index;

  public IndexConflictException(MongoIndex index, String why, Throwable cause) {
    super(ErrorCode.INDEX_CONFLICT, "cannot create index " + index.describe() + ": " + why, cause);
    this.index = index;
  }

  public MongoIndex index() {
    return index;
  }
}
