package dev.svcinfra;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Every stable failure code svc-infra shows to people and programs: the problem+json {@code code},
 * the CLI's {@code --json} {@code error.code}, and what decides the HTTP status and the CLI's exit
 * status. One table, so the web layer, the command line and the docs never disagree (issue 17).
 *
 * <pre>{@code
 * catch (SvcInfraException e) {
 *   if (e.code() == ErrorCode.TRANSACTION_CONFLICT) retry();
 *   log.warn("{} (HTTP {}): {}", e.code().wireName(), e.code().httpStatus(), e.getMessage());
 * }
 * }</pre>
 *
 * <p>The wire name is the constant's name in lower case, so a code cannot be spelled two ways. An
 * HTTP status of 500 means the failure is the service's own (a setting, a migration, a bug): a
 * client is answered {@link #INTERNAL_ERROR} and the details go to the log. Exit status 2 means
 * wrong usage or configuration (nothing was attempted), 1 any other failure.
 *
 * @since 0.1
 */
public enum ErrorCode {
  // ---- requests the HTTP layer refuses (svc-infra-javalin) ----
  TENANT_CONTEXT_MISSING(400, Exit.FAILURE, "A tenant-scoped resource got no tenant"),
  TENANT_INVALID(400, Exit.FAILURE, "The tenant the request names does not fit the tenant column"),
  BAD_REQUEST(400, Exit.FAILURE, "The server refused the request before routing it"),
  BODY_MALFORMED(
      400, Exit.FAILURE, "The body ends before its length or its chunked framing is broken"),
  PRECONDITION_INVALID(400, Exit.FAILURE, "If-Match or If-None-Match is not a list of entity tags"),
  ROUTE_NOT_FOUND(404, Exit.FAILURE, "No route serves the path"),
  METHOD_NOT_ALLOWED(405, Exit.FAILURE, "The path exists, the method does not"),
  BODY_TOO_LARGE(413, Exit.FAILURE, "The body is larger than the configured limit"),
  MALFORMED_JSON(422, Exit.FAILURE, "The body is not a JSON document of the expected shape"),
  PRECONDITION_REQUIRED(428, Exit.FAILURE, "A write that requires If-Match came without one"),
  IDEMPOTENCY_KEY_INVALID(
      400, Exit.FAILURE, "Idempotency-Key is empty, longer than 255 or not visible ASCII"),
  CONSISTENCY_TOKEN_INVALID(
      400, Exit.FAILURE, "X-Consistency-Token is not a token this service issued"),
  INTERNAL_ERROR(500, Exit.FAILURE, "An unexpected failure; the log has the details"),

  // ---- the data layer (SQL and MongoDB) ----
  NOT_FOUND(404, Exit.FAILURE, "No row or document with that id"),
  CONFLICT(409, Exit.FAILURE, "A unique value is taken, or the version sent is outdated"),
  TRANSACTION_CONFLICT(409, Exit.FAILURE, "Deadlock or serialization failure: retry"),
  IDEMPOTENCY_KEY_IN_USE(
      409, Exit.FAILURE, "A request with the same Idempotency-Key is still being processed"),
  IDEMPOTENCY_KEY_MISMATCH(
      422, Exit.FAILURE, "The Idempotency-Key was used before with a different request"),
  PRECONDITION_FAILED(412, Exit.FAILURE, "The row changed since it was read"),
  VALIDATION(422, Exit.FAILURE, "Input refused field by field"),
  DATABASE_UNAVAILABLE(503, Exit.FAILURE, "The database cannot be reached or refuses connections"),
  POOL_EXHAUSTED(503, Exit.FAILURE, "No pooled connection became free in time"),
  STATEMENT_TIMEOUT(503, Exit.FAILURE, "A statement ran past the statement timeout"),
  COMMIT_OUTCOME_UNKNOWN(
      503,
      Exit.FAILURE,
      "The connection was lost during COMMIT: the write may or may not have happened"),
  MONGO_NOT_INITIALIZED(
      503, Exit.FAILURE, "MongoDB is used before it was opened or after it was closed"),
  READ_ONLY_TRANSACTION(500, Exit.FAILURE, "A read-only transaction tried to write"),
  DATABASE_ERROR(500, Exit.FAILURE, "A statement failed for another reason"),
  DRIVER_MISSING(500, Exit.FAILURE, "The JDBC driver of the database is not on the class path"),
  UNSUPPORTED_DDL(500, Exit.FAILURE, "The database cannot run this schema change"),
  MIGRATION_LOCK_TIMEOUT(500, Exit.FAILURE, "The migration lock was not granted in time"),
  MIGRATION_LOCK_NOT_HELD(
      500, Exit.FAILURE, "The migration lock was not held when the run released it"),
  MONGO_ALREADY_INITIALIZED(500, Exit.FAILURE, "MongoDB is already open with other settings"),
  INDEX_CONFLICT(500, Exit.FAILURE, "An index exists with the same name or keys and other options"),

  // ---- configuration: nothing was attempted ----
  DATABASE_URL_MISSING(500, Exit.USAGE, "No database URL in any of the places looked at"),
  INVALID_DATABASE_URL(500, Exit.USAGE, "A URL cannot be parsed or names an unknown database"),
  INVALID_SETTING(500, Exit.USAGE, "A setting has a value outside what is accepted"),
  UNREADABLE_FILE(500, Exit.USAGE, "A file named by a setting is missing, empty or unreadable"),
  MONGO_DB_MISSING(500, Exit.USAGE, "MONGO_DB is unset and no database was given"),
  RESTORE_TOOL_MISSING(
      500, Exit.USAGE, "A PostgreSQL client program the restore test needs is missing"),

  // ---- migrations ----
  REVISION_GRAPH_INVALID(500, Exit.FAILURE, "Revision files contradict each other"),
  REVISION_FILE_INVALID(500, Exit.FAILURE, "A revision file cannot be parsed"),
  REVISION_NOT_FOUND(500, Exit.FAILURE, "A target names no revision, or a prefix names several"),
  MULTIPLE_HEADS(500, Exit.FAILURE, "A target that needs one head met several"),
  INVALID_TARGET(500, Exit.FAILURE, "A target cannot be reached in the asked direction"),
  MIGRATION_FAILED(500, Exit.FAILURE, "A revision's statement failed"),
  MIGRATION_DRIFT(500, Exit.FAILURE, "An applied revision's file changed since it was applied"),
  MIGRATION_REPAIR_NEEDED(
      500, Exit.FAILURE, "A revision failed half-applied; repair it before migrating again"),
  MIGRATION_LINT(500, Exit.FAILURE, "Lint found destructive or locking operations"),
  SCRIPT_LOCATION(
      500, Exit.FAILURE, "The script location is missing, or exists where init would create it"),
  MIGRATION_OFFLINE(
      500,
      Exit.FAILURE,
      "The command needs a database connection but runs offline, or the reverse"),
  NO_MODELS(500, Exit.FAILURE, "Autogenerate or check found no model classes"),
  DATABASE_NOT_AT_HEAD(500, Exit.FAILURE, "Autogenerate needs the database at head first"),

  // ---- health checks and backups ----
  // 404 as the health route has always answered it; one status per code (issue 17) makes the
  // same failure raised in an app's own route a 404 too, where it was a 500.
  HEALTH_CHECK_UNKNOWN(404, Exit.FAILURE, "No health check is registered under that name"),
  HEALTH_CHECK_DUPLICATE(500, Exit.FAILURE, "A health check with that name is already registered"),
  HEALTH_CHECK_INVALID(
      500, Exit.FAILURE, "A health check's name, timeout or interval is not acceptable"),
  RESTORE_FAILED(500, Exit.FAILURE, "The restore test could not prepare its scratch database");

  private final int httpStatus;
  private final int exitStatus;
  private final String title;

  ErrorCode(int httpStatus, int exitStatus, String title) {
    this.httpStatus = httpStatus;
    this.exitStatus = exitStatus;
    this.title = title;
  }

  /** The snake_case code on the wire ({@code transaction_conflict}). */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The HTTP status a request failing with this code is answered with. */
  public int httpStatus() {
    return httpStatus;
  }

  /** The CLI's exit status: 2 for usage and configuration errors, 1 for the rest. */
  public int exitStatus() {
    return exitStatus;
  }

  /** One line for people: what the code means. */
  public String title() {
    return title;
  }

  /**
   * The code a problem+json body shows: this one, except {@link #INTERNAL_ERROR} for any 500 (the
   * client learns nothing of the service's insides) and {@link #DATABASE_UNAVAILABLE} for {@link
   * #MONGO_NOT_INITIALIZED} (to a client, a store not opened yet is a store that is down).
   */
  public ErrorCode problemCode() {
    if (httpStatus == 500) {
      return INTERNAL_ERROR;
    }
    return this == MONGO_NOT_INITIALIZED ? DATABASE_UNAVAILABLE : this;
  }

  /** The code with that wire name, if there is one. */
  public static Optional<ErrorCode> fromWireName(String wireName) {
    return Arrays.stream(values()).filter(c -> c.wireName().equals(wireName)).findFirst();
  }

  /** The wire name, so that logs and messages that concatenate a code show what clients see. */
  @Override
  public String toString() {
    return wireName();
  }

  /** Exit statuses, named here because the enum constants above cannot refer to later fields. */
  private static final class Exit {
    static final int FAILURE = 1;
    static final int USAGE = 2;
  }
}
