package dev.svcinfra.sql.dialect;

import dev.svcinfra.sql.dialect.internal.ClassifiedError;
import dev.svcinfra.sql.dialect.internal.SqlErrorKind;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The error classification table of MySQL and MariaDB: server error numbers to {@link
 * SqlErrorKind}, and the key or column the server names in its message. Split out of {@link
 * MySqlDialect} to keep that class about connections and SQL (issue 17).
 */
final class MySqlErrors {
  private MySqlErrors() {}

  /**
   * MySQL and MariaDB server error numbers (both drivers report them as the vendor code).
   *
   * <pre>
   * 1062 ER_DUP_ENTRY, 1586 ER_DUP_ENTRY_WITH_KEY_NAME, 1169 ER_DUP_UNIQUE   unique
   * 1048 ER_BAD_NULL_ERROR, 1364 ER_NO_DEFAULT_FOR_FIELD                   not null
   * 1216/1452 ER_NO_REFERENCED_ROW(_2), 1217/1451 ER_ROW_IS_REFERENCED(_2)  foreign key
   * 3819 ER_CHECK_CONSTRAINT_VIOLATED (MySQL), 4025 ER_CONSTRAINT_FAILED (MariaDB)  check
   * 3024 ER_QUERY_TIMEOUT (max_execution_time), 1969 ER_STATEMENT_TIMEOUT (max_statement_time),
   * 1317 ER_QUERY_INTERRUPTED (JDBC query timeout)                          statement timeout
   * 1213 ER_LOCK_DEADLOCK, 1205 ER_LOCK_WAIT_TIMEOUT                        retryable
   * 1406 ER_DATA_TOO_LONG, 1264 ER_WARN_DATA_OUT_OF_RANGE, 1366 ER_TRUNCATED_WRONG_VALUE_FOR_FIELD,
   * 1292 ER_TRUNCATED_WRONG_VALUE, 1265 WARN_DATA_TRUNCATED (an error in strict mode, SQLState
   * 01000), 1690 ER_DATA_OUT_OF_RANGE                                      invalid value
   * 1792 ER_CANT_EXECUTE_IN_READ_ONLY_TRANSACTION                          read only
   * 1290 ER_OPTION_PREVENTS_STATEMENT (--read-only, --super-read-only),
   * 1836 ER_READ_ONLY_MODE                                                  read-only server
   * 1927 ER_CONNECTION_KILLED (MariaDB), 3169 ER_SESSION_WAS_KILLED (MySQL),
   * 1053 ER_SERVER_SHUTDOWN, 1152 ER_ABORTING_CONNECTION, 1040 ER_CON_COUNT_ERROR,
   * 1158-1161 ER_NET_READ_ERROR / _READ_INTERRUPTED / _ERROR_ON_WRITE / _WRITE_INTERRUPTED,
   * 4031 ER_CLIENT_INTERACTION_TIMEOUT (MySQL 8.0.24+),
   * 2002 CR_CONNECTION_ERROR, 2003 CR_CONN_HOST_ERROR, 2006 CR_SERVER_GONE_ERROR,
   * 2013 CR_SERVER_LOST, 2055 CR_SERVER_LOST_EXTENDED                      connection lost
   * </pre>
   *
   * A lost connection (issue 16) is "unavailable" to the data layer (HTTP 503 with {@code
   * Retry-After}) and the pool discards it; SQLState class 08 is covered as well.
   *
   * <p>The server names the key and the column only inside its message ("for key 'uq_users_email'",
   * "Column 'email' cannot be null"); those names are read from it, the kind never is.
   */
  private static final Map<Integer, SqlErrorKind> VENDOR_CODES =
      new VendorCodes()
          .put(SqlErrorKind.UNIQUE_VIOLATION, 1062, 1586, 1169)
          .put(SqlErrorKind.NOT_NULL_VIOLATION, 1048, 1364)
          .put(SqlErrorKind.FOREIGN_KEY_VIOLATION, 1216, 1217, 1451, 1452)
          .put(SqlErrorKind.CHECK_VIOLATION, 3819, 4025)
          .put(SqlErrorKind.STATEMENT_TIMEOUT, 3024, 1969, 1317)
          .put(SqlErrorKind.TRANSIENT_CONFLICT, 1213, 1205)
          .put(SqlErrorKind.INVALID_VALUE, 1406, 1264, 1366, 1292, 1265, 1690)
          .put(SqlErrorKind.READ_ONLY, 1792)
          .put(SqlErrorKind.READ_ONLY_SERVER, 1290, 1836)
          .put(
              SqlErrorKind.CONNECTION_FAILURE,
              1927,
              3169,
              1053,
              1152,
              1040,
              1158,
              1159,
              1160,
              1161,
              4031,
              2002,
              2003,
              2006,
              2013,
              2055)
          .build();

  private static final Pattern KEY_NAME = Pattern.compile("for key '(?:[^'.]+\\.)?([^']+)'");
  private static final Pattern COLUMN_NAME = Pattern.compile("[Cc]olumn '([^']+)'");
  private static final Pattern CONSTRAINT_NAME = Pattern.compile("(?i)constraint [`']([^`']+)[`']");

  /** The classification by vendor code; empty when the code is not in the table. */
  static Optional<ClassifiedError> classify(SQLException e) {
    SqlErrorKind kind = VENDOR_CODES.get(e.getErrorCode());
    if (kind == null) {
      return Optional.empty();
    }
    ClassifiedError c = ClassifiedError.of(kind);
    String message = e.getMessage() == null ? "" : e.getMessage();
    // "Data too long for column 'email'", "Out of range value for column 'balance'": a value
    // that does not fit is reported on its column, not on the row (issue 16).
    boolean byColumn =
        kind == SqlErrorKind.NOT_NULL_VIOLATION || kind == SqlErrorKind.INVALID_VALUE;
    Matcher m =
        (kind == SqlErrorKind.UNIQUE_VIOLATION
                ? KEY_NAME
                : byColumn ? COLUMN_NAME : CONSTRAINT_NAME)
            .matcher(message);
    if (m.find()) {
      c = byColumn ? c.withColumn(m.group(1)) : c.withConstraint(m.group(1));
    }
    return Optional.of(c);
  }
}
