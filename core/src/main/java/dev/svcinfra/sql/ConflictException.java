package dev.svcinfra.sql;

import dev.svcinfra.ErrorCode;
import java.util.Optional;

/**
 * A write collided with existing data: a unique constraint, a case-insensitive uniqueness rule, or
 * an outdated optimistic-lock version. Names the constraint and field when known. HTTP integrations
 * answer 409.
 *
 * <pre>{@code
 * catch (ConflictException e) { e.field().ifPresent(f -> errors.put(f, "already taken")); }
 * }</pre>
 *
 * @since 0.1
 */
public class ConflictException extends DatabaseException {
  private static final long serialVersionUID = 1L;

  private final String constraint;
  private final String field;

  public ConflictException(String message, String constraint, String field, Throwable cause) {
    super(ErrorCode.CONFLICT, message, cause);
    this.constraint = constraint;
    this.field = field;
  }

  /** The violated constraint's name, when the driver told it. */
  public Optional<String> constraint() {
    return Optional.ofNullable(constraint);
  }

  /** The conflicting column, when known. */
  public Optional<String> field() {
    return Optional.ofNullable(field);
  }
}
