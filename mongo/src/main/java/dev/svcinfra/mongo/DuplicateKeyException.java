package dev.svcinfra.mongo;

import dev.svcinfra.ErrorCode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A write broke a unique index (server error code 11000). Code {@code conflict}. Carries the
 * indexed fields and values when the server reports them ({@code keyValue}); the message shows only
 * field names, since a value may be personal data.
 *
 * <pre>{@code
 * try { users.create(Map.of("email", email)); }
 * catch (DuplicateKeyException e) { return conflict(e.fields()); }
 * }</pre>
 *
 * @since 0.1
 */
public class DuplicateKeyException extends MongoStoreException {
  private static final long serialVersionUID = 1L;

  /** The server's error code for a duplicate key. */
  public static final int SERVER_CODE = 11000;

  private final String collection;
  private final transient Map<String, Object> keyValue;

  public DuplicateKeyException(String collection, Map<String, Object> keyValue, Throwable cause) {
    super(
        ErrorCode.CONFLICT,
        "a document in "
            + collection
            + " already has this value"
            + (keyValue.isEmpty() ? "" : " for " + String.join(", ", keyValue.keySet()))
            + " (unique index)",
        cause);
    this.collection = collection;
    this.keyValue = Collections.unmodifiableMap(new LinkedHashMap<>(keyValue));
  }

  public String collection() {
    return collection;
  }

  /** The conflicting fields and values as the server reported them; may be empty. */
  public Map<String, Object> keyValue() {
    return keyValue;
  }

  /** The conflicting field names; may be empty. */
  public Set<String> fields() {
    return keyValue.keySet();
  }
}
