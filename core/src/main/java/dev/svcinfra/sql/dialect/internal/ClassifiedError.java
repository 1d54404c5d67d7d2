package dev.svcinfra.sql.dialect.internal;

import java.util.Optional;

/**
 * A database failure as a dialect understood it: its {@link SqlErrorKind} and, when the driver
 * tells, the constraint and the column involved.
 *
 * <pre>{@code
 * ClassifiedError e = Dialects.POSTGRESQL.classify(ex);
 * e.constraint().ifPresent(name -> ...);   // "uq_users_email"
 * }</pre>
 *
 * @since 0.1
 */
public record ClassifiedError(
    SqlErrorKind kind, Optional<String> constraint, Optional<String> column) {
  public static ClassifiedError of(SqlErrorKind kind) {
    return new ClassifiedError(kind, Optional.empty(), Optional.empty());
  }

  public ClassifiedError withConstraint(String name) {
    return new ClassifiedError(kind, Optional.ofNullable(name), column);
  }

  public ClassifiedError withColumn(String name) {
    return new ClassifiedError(kind, constraint, Optional.ofNullable(name));
  }
}
