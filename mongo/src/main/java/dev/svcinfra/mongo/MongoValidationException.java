package dev.svcinfra.mongo;

import dev.svcinfra.ErrorCode;
import dev.svcinfra.sql.FieldError;
import java.util.List;
import java.util.Set;

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

  /** Query parameters whose bad values are choices outside an allowlist, not bad values. */
  private static final Set<String> ALLOWLISTED =
      Set.of(SortOrder.PARAMETER, SearchQuery.FIELDS_PARAMETER);

  private final String field;

  public MongoValidationException(String field, String message) {
    super(ErrorCode.VALIDATION, message);
    this.field = field;
  }

  /** The field or parameter at fault ({@code order_by}, {@code limit}, {@code email}, ...). */
  public String field() {
    return field;
  }

  /**
   * The failure as the field list a problem response carries, shaped like the SQL layer's: {@code
   * not_allowed} for an order or search field outside the allowlist, else {@code invalid_value}.
   */
  public List<FieldError> errors() {
    String code = ALLOWLISTED.contains(field) ? FieldError.NOT_ALLOWED : FieldError.INVALID_VALUE;
    return List.of(new FieldError(field, code, getMessage()));
  }
}
