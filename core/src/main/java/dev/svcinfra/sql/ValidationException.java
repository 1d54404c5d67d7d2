package dev.svcinfra.sql;

import dev.svcinfra.ErrorCode;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Input the data layer refuses before or while writing: unknown fields, NULL in a NOT NULL column,
 * values of the wrong type, a CHECK constraint, disallowed search or order fields. All problems are
 * collected and reported together. HTTP integrations answer 422 with {@link #errors()} as the field
 * list.
 *
 * <pre>{@code
 * catch (ValidationException e) { e.errors().forEach(err -> ...err.field()...); }
 * }</pre>
 *
 * @since 0.1
 */
public class ValidationException extends DatabaseException {
  private static final long serialVersionUID = 1L;

  private final List<FieldError> errors;

  public ValidationException(List<FieldError> errors) {
    this(errors, null);
  }

  public ValidationException(List<FieldError> errors, Throwable cause) {
    super(
        ErrorCode.VALIDATION,
        "invalid input: "
            + errors.stream()
                .map(e -> e.field() + ": " + e.message())
                .collect(Collectors.joining("; ")),
        cause);
    this.errors = List.copyOf(errors);
  }

  public static ValidationException of(String field, String code, String message) {
    return new ValidationException(List.of(new FieldError(field, code, message)));
  }

  public List<FieldError> errors() {
    return errors;
  }
}
