package dev.svcinfra.sql;

/**
 * One rejected input field: its name (a column name), a stable code ({@code unknown_field}, {@code
 * required}, {@code invalid_type}, {@code invalid_value}, {@code not_allowed}) and a sentence for
 * people.
 *
 * <pre>{@code
 * new FieldError("age", FieldError.INVALID_TYPE, "expected a whole number");
 * }</pre>
 *
 * @since 0.1
 */
public record FieldError(String field, String code, String message) {
  public static final String UNKNOWN_FIELD = "unknown_field";
  public static final String REQUIRED = "required";
  public static final String INVALID_TYPE = "invalid_type";
  public static final String INVALID_VALUE = "invalid_value";
  public static final String NOT_ALLOWED = "not_allowed";
}
