package dev.svcinfra.sql.dialect;

import dev.svcinfra.config.DatabaseUrl;
import dev.svcinfra.config.TlsSettings;
import dev.svcinfra.sql.model.Column;
import dev.svcinfra.sql.model.ColumnType;
import dev.svcinfra.sql.model.Index;
import dev.svcinfra.sql.model.Table;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * MySQL through MySQL Connector/J.
 *
 * <p>TLS: {@code sslMode} (Connector/J's {@code DISABLED}, {@code PREFERRED}, {@code REQUIRED},
 * {@code VERIFY_CA}, {@code VERIFY_IDENTITY}); the libpq spellings {@code sslmode=disable|prefer|
 * require|verify-ca|verify-full}, {@code ssl-mode}, {@code ssl_mode} and {@code ssl=true} are
 * translated. Without any of them the driver's default applies ({@code PREFERRED}).
 * {@code DB_SSLMODE_DEFAULT} is PostgreSQL-only. A Unix-socket host connects through
 * junixsocket ({@code com.kohlschutter.junixsocket:junixsocket-mysql}).
 *
 * <p>DDL is not transactional: each statement commits on its own. Statement timeouts use the
 * session variable {@code max_execution_time}, which MySQL applies to {@code SELECT} only, and are
 * reset after the transaction.
 *
 * @since 0.1
 */
public class MySqlDialect extends StandardDialect {
  static final int DEFAULT_PORT = 3306;

  MySqlDialect() {
    this("mysql", Set.of("mysql"));
  }

  MySqlDialect(String name, Set<String> schemes) {
    super(name, schemes);
  }

  @Override
  public String driverClassName() {
    return "com.mysql.cj.jdbc.Driver";
  }

  @Override
  public String driverArtifact() {
    return "com.mysql:mysql-connector-j";
  }

  /** The JDBC URL prefix of this dialect's driver. */
  String jdbcPrefix() {
    return "jdbc:mysql:";
  }

  @Override
  public String socketParameter() {
    return "unix_socket";
  }

  @Override
  public ConnectionTarget connectionTarget(DatabaseUrl url, ConnectionOptions options) {
    Map<String, String> query = queryWithUser(url);
    String mode = take(query, "sslmode", "ssl-mode", "ssl_mode");
    String ssl = take(query, "ssl", "useSSL");
    if (mode == null && ssl != null) {
      mode = Set.of("true", "1", "on", "yes").contains(ssl.toLowerCase(Locale.ROOT))
          ? "require" : "disable";
    }
    if (mode != null) {
      query.put("sslMode", driverSslMode(mode));
    }
    String connectTimeout = take(query, "connect_timeout");
    if (!containsKey(query, "connectTimeout")) {
      long ms = connectTimeout != null
          ? Long.parseLong(connectTimeout) * 1000 : options.timeouts().connect().toMillis();
      query.put("connectTimeout", String.valueOf(ms));
    }
    url.socket().ifPresent(path -> addSocket(query, path));
    return new ConnectionTarget(
        serverJdbcUrl(jdbcPrefix(), url, query), driverClassName(), passwordProperty(url));
  }

  /** Translates a libpq-style or driver-style TLS mode into this driver's {@code sslMode}. */
  String driverSslMode(String mode) {
    String upper = mode.toUpperCase(Locale.ROOT).replace('-', '_');
    if (List.of("DISABLED", "PREFERRED", "REQUIRED", "VERIFY_CA", "VERIFY_IDENTITY").contains(upper)) {
      return upper;
    }
    return switch (TlsSettings.checkMode("sslmode", mode)) {
      case "disable" -> "DISABLED";
      case "allow", "prefer" -> "PREFERRED";
      case "require" -> "REQUIRED";
      case "verify-ca" -> "VERIFY_CA";
      default -> "VERIFY_IDENTITY";
    };
  }

  void addSocket(Map<String, String> query, String path) {
    query.put("socketFactory", "org.newsclub.net.mysql.AFUNIXDatabaseSocketFactoryCJ");
    query.put("junixsocket.file", path);
  }

  static boolean containsKey(Map<String, String> query, String key) {
    return query.keySet().stream().anyMatch(k -> k.equalsIgnoreCase(key));
  }

  @Override
  public String quote(String identifier) {
    return '`' + identifier.replace("`", "``") + '`';
  }

  @Override
  public boolean supportsTransactionalDdl() {
    return false;
  }

  @Override
  public List<String> statementTimeoutStatements(Duration timeout) {
    return List.of("SET SESSION max_execution_time = " + timeout.toMillis());
  }

  @Override
  public List<String> statementTimeoutResetStatements() {
    return List.of("SET SESSION max_execution_time = DEFAULT");
  }

  // ---- DDL: MySQL and MariaDB types, AUTO_INCREMENT, inline comments -----------------------

  @Override
  public String columnTypeSql(ColumnType type) {
    return switch (type.kind()) {
      case TEXT -> "LONGTEXT";
      case DECIMAL -> "DECIMAL(" + type.precision() + ", " + type.scale() + ")";
      case REAL -> "FLOAT";
      case DOUBLE -> "DOUBLE";
      case UUID -> "CHAR(36)";
      case TIME -> "TIME(6)";
      // DATETIME keeps what it is given; TIMESTAMP would convert through the session time zone.
      // Zoned values are stored in UTC.
      case TIMESTAMP, TIMESTAMP_TZ -> "DATETIME(6)";
      case BINARY -> type.length() > 0 ? "VARBINARY(" + type.length() + ")" : "LONGBLOB";
      default -> super.columnTypeSql(type);
    };
  }

  @Override
  String identityClause(Table table, Column c) {
    return " AUTO_INCREMENT";
  }

  @Override
  String inlineColumnComment(String text) {
    return " COMMENT " + literal(text);
  }

  @Override
  String tableSuffix(Table table) {
    return table.comment().map(c -> " COMMENT=" + literal(c)).orElse("");
  }

  @Override
  List<String> commentStatements(Table table) {
    return List.of();
  }

  @Override
  public String dropIndexStatement(Table table, Index index) {
    return "DROP INDEX " + quote(index.name()) + " ON " + tableName(table.schema(), table.name());
  }
}
