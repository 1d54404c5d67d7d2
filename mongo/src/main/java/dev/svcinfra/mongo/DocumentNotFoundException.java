package dev.svcinfra.mongo;

import dev.svcinfra.ErrorCode;

/**
 * No live document has the requested id: it never existed, was soft-deleted, or lies outside the
 * repository's scope (another tenant's document). Code {@code not_found}.
 *
 * <pre>{@code
 * try { users.delete(id); } catch (DocumentNotFoundException e) { return 404; }
 * }</pre>
 *
 * @since 0.1
 */
public class DocumentNotFoundException extends MongoStoreException {
  private static final long serialVersionUID = 1L;

  private final String collection;
  private final String id;

  public DocumentNotFoundException(String collection, String id) {
    super(ErrorCode.NOT_FOUND, "no document with id '" + id + "' in " + collection);
    this.collection = collection;
    this.id = id;
  }

  public String collection() {
    return collection;
  }

  public String id() {
    return id;
  }
}
