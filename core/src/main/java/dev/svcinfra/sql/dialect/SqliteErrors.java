package dev.svcinfra.sql.dialect;

import dev.svcinfra.sql.dialect.internal.ClassifiedError;
import dev.svcinfra.sql.dialect.internal.SqlErrorKind;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The error classification table of SQLite: extended result codes to {@link SqlErrorKind}, and the
 * column, CHECK constraint or index SQLite names in its message. Split out of {@link SqliteDialect}
 * to keep that class about connections and SQL (issue 17).
 */
final class SqliteErrors {
  private SqliteErrors() {}

  /**
   * SQLite extended result codes (xerial reports the primary code as the vendor code and the
   * extended one as its result code).
   *
   * <pre>
   * 2067 SQLITE_CONSTRAINT_UNIQUE, 1555 SQLITE_CONSTRAINT_PRIMARYKEY   unique
   * 1299 SQLITE_CONSTRAINT_NOTNULL                                   not null
   *  787 SQLITE_CONSTRAINT_FOREIGNKEY                                foreign key
   *  275 SQLITE_CONSTRAINT_CHECK                                     check
   *    9 SQLITE_INTERRUPT (JDBC query timeout)                       statement timeout
   *    5 SQLITE_BUSY, 6 SQLITE_LOCKED                                retryable
   *    8 SQLITE_READONLY                                             read only
   *   18 SQLITE_TOOBIG, 20 SQLITE_MISMATCH                           invalid value
   *   10 SQLITE_IOERR (and its extended codes), 13 SQLITE_FULL,
   *   14 SQLITE_CANTOPEN                                              unavailable
   * </pre>
   *
   * SQLite has no connection to lose; a file that cannot be read, written or opened is its
   * "database unavailable" (HTTP 503, and the pool replaces the connection; issue 16).
   *
   * <p>SQLite names the column ("UNIQUE constraint failed: users.email"), the CHECK constraint or
   * the unique expression index ("UNIQUE constraint failed: index 'ux_users_email_lower'") only in
   * its message; those names are read from it, the kind never is.
   */
  private static final Map<Integer, SqlErrorKind> RESULT_CODES =
      new VendorCodes()
          .put(SqlErrorKind.UNIQUE_VIOLATION, 2067, 1555)
          .put(SqlErrorKind.NOT_NULL_VIOLATION, 1299)
          .put(SqlErrorKind.FOREIGN_KEY_VIOLATION, 787)
          .put(SqlErrorKind.CHECK_VIOLATION, 275)
          .put(SqlErrorKind.STATEMENT_TIMEOUT, 9)
          .put(SqlErrorKind.TRANSIENT_CONFLICT, 5, 6)
          .put(SqlErrorKind.READ_ONLY, 8)
          .put(SqlErrorKind.INVALID_VALUE, 18, 20)
          .put(SqlErrorKind.CONNECTION_FAILURE, 10, 13, 14)
          .build();

  private static final Pattern FAILED_COLUMN =
      Pattern.compile("constraint failed: [^.\\s)]+\\.([^,\\s)]+)");
  private static final Pattern FAILED_CHECK =
      Pattern.compile("CHECK constraint failed: ([^\\s)]+)");

  /** A unique index over expressions names the index: "UNIQUE constraint failed: index 'ux'". */
  private static final Pattern FAILED_INDEX = Pattern.compile("constraint failed: index '([^']+)'");

  /** The classification by result code; empty when the code is not in the table. */
  static Optional<ClassifiedError> classify(SQLException e) {
    int code =
        e.getClass().getName().equals("org.sqlite.SQLiteException")
            ? XerialDriver.extendedCode(e)
            : e.getErrorCode();
    SqlErrorKind kind = RESULT_CODES.get(code);
    if (kind == null) {
      kind = RESULT_CODES.get(code & 0xff);
    }
    if (kind == null) {
      return Optional.empty();
    }
    String message = e.getMessage() == null ? "" : e.getMessage();
    Optional<String> decimal =
        kind == SqlErrorKind.CHECK_VIOLATION
            ? SqliteDecimals.failedColumn(message)
            : Optional.empty();
    if (decimal.isPresent()) {
      // A decimal column's own CHECK: the value does not fit the column (issue 16).
      return Optional.of(ClassifiedError.of(SqlErrorKind.INVALID_VALUE).withColumn(decimal.get()));
    }
    ClassifiedError c = ClassifiedError.of(kind);
    Matcher check = FAILED_CHECK.matcher(message);
    Matcher column = FAILED_COLUMN.matcher(message);
    Matcher index = FAILED_INDEX.matcher(message);
    if (kind == SqlErrorKind.CHECK_VIOLATION && check.find()) {
      c = c.withConstraint(check.group(1));
    } else if (index.find()) {
      c = c.withConstraint(index.group(1));
    } else if (column.find()) {
      c = c.withColumn(column.group(1));
    }
    return Optional.of(c);
  }
}
