package dev.svcinfra.sql;

import dev.svcinfra.ErrorCode;
import dev.svcinfra.sql.dialect.Dialect;
import dev.svcinfra.sql.dialect.internal.ClassifiedError;
import dev.svcinfra.sql.dialect.internal.SqlErrorKind;
import dev.svcinfra.sql.model.internal.CheckConstraint;
import dev.svcinfra.sql.model.internal.Column;
import dev.svcinfra.sql.model.internal.Index;
import dev.svcinfra.sql.model.internal.Table;
import dev.svcinfra.sql.model.internal.UniqueConstraint;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a driver's {@link SQLException} into the data layer's typed exceptions, using the dialect's
 * classification and, for unique violations, the table's constraints to name the field.
 */
final class SqlFailures {
  private SqlFailures() {}

  static DatabaseException translate(
      SQLException e, Dialect dialect, Table table, Duration timeout) {
    return translate(e, dialect, table, timeout, null);
  }

  /**
   * As above, for the statement {@code sql} (null when unknown): a value that does not fit, in an
   * {@code UPDATE} of one column of {@code table}, is reported on that column even where the
   * database does not name it (PostgreSQL's "numeric field overflow", issue 16).
   */
  static DatabaseException translate(
      SQLException e, Dialect dialect, Table table, Duration timeout, String sql) {
    return translate(e, dialect, table, timeout, sql, false);
  }

  /**
   * As above, in a transaction that did ({@code readOnlyTransaction}) or did not ask to be
   * read-only. A write refused as read-only in a read-write transaction means the server itself
   * refuses writes (a standby, PostgreSQL's 25006 says the same for both): the database is
   * unavailable for writes, not the code wrong (issue 18).
   */
  static DatabaseException translate(
      SQLException e,
      Dialect dialect,
      Table table,
      Duration timeout,
      String sql,
      boolean readOnlyTransaction) {
    ClassifiedError c = dialect.classify(e);
    if (c.kind() == SqlErrorKind.READ_ONLY_SERVER
        || (c.kind() == SqlErrorKind.READ_ONLY && !readOnlyTransaction)) {
      return new DatabaseUnavailableException(
          "the database server refuses writes (a standby or read-only server, as during a"
              + " failover)"
              + state(e)
              + ": "
              + e.getMessage(),
          e);
    }
    String where = table == null ? "" : " on " + table.qualifiedName();
    return switch (c.kind()) {
      case UNIQUE_VIOLATION -> {
        String field =
            c.column().orElseGet(() -> fieldOf(dialect, table, c.constraint()).orElse(null));
        yield new ConflictException(
            "a row with the same "
                + (field != null ? field : "unique value")
                + " already exists"
                + where
                + c.constraint().map(n -> " (constraint " + n + ")").orElse(""),
            c.constraint().orElse(null),
            field,
            e);
      }
      case NOT_NULL_VIOLATION ->
          new ValidationException(
              List.of(
                  new FieldError(
                      c.column().orElse("row"), FieldError.REQUIRED, "must not be null")),
              e);
      case CHECK_VIOLATION ->
          new ValidationException(
              List.of(
                  new FieldError(
                      c.column()
                          .or(() -> checkedColumn(table, c.constraint()))
                          .orElse(c.constraint().orElse("row")),
                      FieldError.INVALID_VALUE,
                      "violates the check constraint"
                          + c.constraint().map(n -> " " + n).orElse(""))),
              e);
      case FOREIGN_KEY_VIOLATION ->
          new ValidationException(
              List.of(
                  new FieldError(
                      c.column().orElse(c.constraint().orElse("row")),
                      FieldError.INVALID_VALUE,
                      "references a row that does not exist, or the row is still referenced")),
              e);
      case INVALID_VALUE ->
          new ValidationException(
              List.of(
                  new FieldError(
                      c.column().or(() -> assignedColumn(table, sql)).orElse("row"),
                      FieldError.INVALID_VALUE,
                      "a value does not fit its column" + state(e))),
              e);
      case STATEMENT_TIMEOUT -> new StatementTimeoutException(timeout, e);
      case CONNECTION_FAILURE ->
          new DatabaseUnavailableException(
              "the database connection failed" + state(e) + ": " + e.getMessage(), e);
      case TRANSIENT_CONFLICT ->
          new DatabaseException(
              ErrorCode.TRANSACTION_CONFLICT,
              "the transaction collided with another (deadlock or serialization failure)"
                  + state(e)
                  + "; retry it",
              e);
      case READ_ONLY, READ_ONLY_SERVER ->
          new DatabaseException(
              ErrorCode.READ_ONLY_TRANSACTION,
              "a read-only transaction cannot write" + where + "; use a read-write transaction",
              e);
      case OTHER ->
          new DatabaseException(
              ErrorCode.DATABASE_ERROR,
              "the statement failed" + where + state(e) + ": " + e.getMessage(),
              e);
    };
  }

  /**
   * A failed COMMIT: when the connection broke, the server may have committed before the answer was
   * lost, so the outcome is unknown; any other failure (a deferred constraint, a serialization
   * failure) means the server rolled back and is translated as usual.
   */
  static DatabaseException commitFailed(SQLException e, Dialect dialect, Duration timeout) {
    if (dialect.classify(e).kind() == SqlErrorKind.CONNECTION_FAILURE) {
      return new CommitOutcomeUnknownException(
          "the connection was lost during COMMIT"
              + state(e)
              + ": the transaction may or may not have been committed ("
              + e.getMessage()
              + ")",
          e);
    }
    return translate(e, dialect, null, timeout);
  }

  private static String state(SQLException e) {
    return e.getSQLState() == null ? "" : " [SQLState " + e.getSQLState() + "]";
  }

  /** {@code UPDATE t SET "col" = expression WHERE ...}: one assignment, no comma in it. */
  private static final Pattern SINGLE_ASSIGNMENT =
      Pattern.compile(
          "(?is)^\\s*UPDATE\\s+\\S+\\s+SET\\s+[\"`\\[]?(\\w+)[\"`\\]]?\\s*=[^,]*?\\sWHERE\\s");

  /** The column of the table a single-assignment UPDATE writes, if {@code sql} is one. */
  static Optional<String> assignedColumn(Table table, String sql) {
    if (table == null || sql == null) {
      return Optional.empty();
    }
    Matcher m = SINGLE_ASSIGNMENT.matcher(sql);
    if (!m.find()) {
      return Optional.empty();
    }
    return table.columns().stream()
        .map(Column::name)
        .filter(name -> name.equalsIgnoreCase(m.group(1)))
        .findFirst();
  }

  /**
   * The one column the named CHECK constraint of the model reads ({@code balance} for {@code
   * balance >= 0}), so the refusal names the field (issue 16), or empty when it reads several or is
   * not the model's. Column names are matched as whole words, ignoring case. A database that does
   * not name the failed constraint (DuckDB) still has it found when the table has only one.
   */
  static Optional<String> checkedColumn(Table table, Optional<String> constraint) {
    if (table == null || (constraint.isEmpty() && table.checks().size() != 1)) {
      return Optional.empty();
    }
    for (CheckConstraint ck : table.checks()) {
      if (constraint.isPresent() && !ck.name().equalsIgnoreCase(constraint.get())) {
        continue;
      }
      List<String> read =
          table.columns().stream()
              .map(Column::name)
              .filter(
                  name ->
                      Pattern.compile(
                              "(?i)(?<![\\w$])[\"`\\[]?"
                                  + Pattern.quote(name)
                                  + "[\"`\\]]?(?![\\w$])")
                          .matcher(ck.expression())
                          .find())
              .toList();
      return read.size() == 1 ? Optional.of(read.get(0)) : Optional.empty();
    }
    return Optional.empty();
  }

  /** The single column of the named unique constraint or unique index, if it has one. */
  private static Optional<String> fieldOf(
      Dialect dialect, Table table, Optional<String> constraint) {
    if (table == null || constraint.isEmpty()) {
      return Optional.empty();
    }
    String name = constraint.get();
    for (UniqueConstraint u : table.uniqueConstraints()) {
      if (u.name().equalsIgnoreCase(name)) {
        return Optional.of(String.join(",", u.columns()));
      }
    }
    for (Index ix : table.indexes()) {
      if (ix.name().equalsIgnoreCase(name)) {
        return Optional.of(String.join(",", ix.columns()));
      }
    }
    if (dialect.isPrimaryKeyName(name, table.name())) {
      return Optional.of(String.join(",", table.primaryKey()));
    }
    return Optional.empty();
  }
}
