package dev.svcinfra.sql.dialect;

import dev.svcinfra.config.DatabaseUrl;
import dev.svcinfra.config.internal.HostPort;
import dev.svcinfra.sql.dialect.internal.ClassifiedError;
import dev.svcinfra.sql.dialect.internal.ConnectionOptions;
import dev.svcinfra.sql.dialect.internal.ConnectionTarget;
import dev.svcinfra.sql.dialect.internal.SqlErrorKind;
import dev.svcinfra.sql.dialect.internal.SqlSyntax;
import dev.svcinfra.sql.model.ColumnType;
import dev.svcinfra.sql.model.internal.Column;
import dev.svcinfra.sql.model.internal.Index;
import dev.svcinfra.sql.model.internal.Table;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Snowflake through snowflake-jdbc: {@code
 * snowflake://user:pw@account/database/schema?warehouse=w&role=r}. An account without a dot becomes
 * {@code <account>.snowflakecomputing.com}. Connections are always TLS.
 *
 * <p>DDL commits implicitly, so it is not transactional. Statement timeouts use the session
 * parameter {@code STATEMENT_TIMEOUT_IN_SECONDS} (rounded up to whole seconds) and are unset after
 * the transaction.
 *
 * @since 0.1
 */
final class SnowflakeDialect extends StandardDialect {
  SnowflakeDialect() {
    super("snowflake", Set.of("snowflake"));
  }

  @Override
  public String driverClassName() {
    return "net.snowflake.client.jdbc.SnowflakeDriver";
  }

  @Override
  public String driverArtifact() {
    return "net.snowflake:snowflake-jdbc";
  }

  @Override
  public ConnectionTarget connectionTarget(DatabaseUrl url, ConnectionOptions options) {
    HostPort account =
        url.host()
            .orElseThrow(
                () ->
                    unsupported(
                        name(),
                        "the URL needs an account: snowflake://user@account/database/schema?warehouse=w"));
    if (url.socket().isPresent()) {
      throw unsupported(name(), "Snowflake has no Unix-socket connections");
    }
    String host =
        account.host().contains(".") ? account.host() : account.host() + ".snowflakecomputing.com";
    Map<String, String> query = new LinkedHashMap<>();
    url.user().ifPresent(u -> query.put("user", u));
    url.database()
        .ifPresent(
            path -> {
              String[] parts = path.split("/", 2);
              query.put("db", parts[0]);
              if (parts.length > 1 && !parts[1].isEmpty()) {
                query.put("schema", parts[1]);
              }
            });
    Map<String, String> params = new LinkedHashMap<>(url.params());
    String loginTimeout = take(params, "loginTimeout", "login_timeout", "connect_timeout");
    query.putAll(params);
    query.put(
        "loginTimeout",
        loginTimeout != null
            ? loginTimeout
            : String.valueOf(Math.max(1, options.timeouts().connect().toSeconds())));
    StringBuilder jdbc = new StringBuilder("jdbc:snowflake://").append(host);
    if (account.port() != null) {
      jdbc.append(':').append(account.port());
    }
    jdbc.append('/');
    Map<String, String> properties = passwordProperty(url);
    DriverParameters.place(jdbc, query, '?', '&', properties);
    return new ConnectionTarget(jdbc.toString(), driverClassName(), properties);
  }

  @Override
  boolean hasIlike() {
    return true;
  }

  @Override
  public boolean supportsTransactionalDdl() {
    return false;
  }

  @Override
  public List<String> statementTimeoutStatements(Duration timeout) {
    long seconds = (timeout.toMillis() + 999) / 1000;
    return List.of("ALTER SESSION SET STATEMENT_TIMEOUT_IN_SECONDS = " + seconds);
  }

  @Override
  public List<String> statementTimeoutResetStatements() {
    return List.of("ALTER SESSION UNSET STATEMENT_TIMEOUT_IN_SECONDS");
  }

  /** Snowflake commits DDL at once, so an offline script opens no transactions. */
  @Override
  public String beginTransaction() {
    return "";
  }

  /**
   * Not available: Snowflake has {@code FOR UPDATE} on hybrid tables only and no row locks on
   * standard tables, so a read could not keep another writer away. Conditional writes on Snowflake
   * need a {@code @Version} column, whose check is part of the UPDATE itself.
   */
  @Override
  public String selectForUpdate(String table, String columns, String where) {
    throw new UnsupportedOperationException(
        "Snowflake cannot lock rows of standard tables: "
            + "give the model a @Version column to use conditional updates and deletes");
  }

  // ---- DDL: Snowflake types; no indexes, no CHECK constraints -------------------------------

  @Override
  public String columnTypeSql(ColumnType type) {
    return switch (type.kind()) {
      case DECIMAL -> "NUMBER(" + type.precision() + ", " + type.scale() + ")";
      case REAL, DOUBLE -> "FLOAT";
      case UUID -> "VARCHAR(36)";
      case TIMESTAMP -> "TIMESTAMP_NTZ";
      case TIMESTAMP_TZ -> "TIMESTAMP_TZ";
      case BINARY -> "BINARY";
      case JSON -> "VARIANT";
      default -> super.columnTypeSql(type);
    };
  }

  @Override
  String identityClause(Table table, Column c) {
    return " AUTOINCREMENT";
  }

  /**
   * Snowflake compares text by code point unless a {@code DEFAULT_DDL_COLLATION} of the account,
   * database or schema gives new columns another collation; {@code 'utf8'} states the binary
   * comparison so such a default cannot make identifiers ignore case (issue 16).
   */
  @Override
  String collationClause(ColumnType type) {
    return switch (type.kind()) {
      case STRING, TEXT, ENUM, UUID -> " COLLATE 'utf8'";
      default -> "";
    };
  }

  /**
   * Standard Snowflake tables have neither indexes nor CHECK constraints: both are left out of
   * {@code CREATE TABLE} (Snowflake prunes by micro-partition metadata instead).
   */
  @Override
  public List<String> createTableStatements(Table table) {
    return super.createTableStatements(table.withIndexes(List.of()).withChecks(List.of()));
  }

  /** Refused: standard Snowflake tables have no indexes. */
  @Override
  public String createIndexStatement(Table table, Index index) {
    throw new UnsupportedOperationException(
        "Snowflake tables have no indexes; index "
            + index.name()
            + " on "
            + table.qualifiedName()
            + " cannot be created");
  }

  @Override
  public String dropIndexStatement(Table table, Index index) {
    throw new UnsupportedOperationException(
        "Snowflake tables have no indexes; index "
            + index.name()
            + " on "
            + table.qualifiedName()
            + " cannot be dropped");
  }

  /** Snowflake's primary-key and unique constraints are informational: never enforced. */
  @Override
  public boolean enforcesUniqueConstraints() {
    return false;
  }

  // ---- errors --------------------------------------------------------------------------------

  /**
   * Snowflake error numbers (the vendor code). Snowflake enforces only NOT NULL; unique and foreign
   * keys are informational.
   *
   * <pre>
   * 100072 NULL result in a non-nullable column   not null
   * 630    statement reached its timeout          statement timeout
   * 100038, 100035 numeric value not recognized / out of range   invalid value
   * 390111 session no longer exists, 390112 session expired,
   * 390114 authentication token expired (idle for hours)         connection lost
   * </pre>
   *
   * The driver reports network failures with SQLState class 08 (the standard table). A lost session
   * (issue 16) is "unavailable" (HTTP 503) and the pool discards the connection.
   */
  private static final Map<Integer, SqlErrorKind> VENDOR_CODES =
      Map.of(
          100072, SqlErrorKind.NOT_NULL_VIOLATION,
          630, SqlErrorKind.STATEMENT_TIMEOUT,
          100038, SqlErrorKind.INVALID_VALUE,
          100035, SqlErrorKind.INVALID_VALUE,
          390111, SqlErrorKind.CONNECTION_FAILURE,
          390112, SqlErrorKind.CONNECTION_FAILURE,
          390114, SqlErrorKind.CONNECTION_FAILURE);

  @Override
  public ClassifiedError classify(SQLException e) {
    SqlErrorKind kind = VENDOR_CODES.get(e.getErrorCode());
    return kind != null ? ClassifiedError.of(kind) : super.classify(e);
  }

  /** Dollar-quoted bodies; backslash escapes in string literals. */
  @Override
  public SqlSyntax sqlSyntax() {
    return SqlSyntax.SNOWFLAKE;
  }
}
