package dev.svcinfra.mongo;

/**
 * Input the repository refuses before touching the database: an unknown or disallowed field, an
 * order or search field outside the allowlist, a bad limit, offset or cursor, a value the driver
 * cannot store. Code {@code validation}; {@link #field()} names the culprit.
 *
 * <pre>{@code
 * try { users.search(q, List.of("password"), 10, 0, List.of()); }
 * catch (MongoValidationException e) { errors.add(e.field(), e.getMessage()); }
 * }</pre>
 *
 * @since 0.1
 */
public class MongoValidationException extends MongoStoreException {
  private static final long serialVersionUID = 1L;
  public static final String CODE = "validation";

  private final String field;

  public MongoValidationException(String field, String message) {
    super(CODE, message);
    this.field = field;
  }

  /** The field or parameter at fault ({@code order_by}, {@code limit}, {@code email}, ...). */
  public String field() {
    return field;
  }
}
