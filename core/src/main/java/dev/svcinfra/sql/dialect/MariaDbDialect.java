package dev.svcinfra.sql.dialect;

import dev.svcinfra.config.TlsSettings;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * MariaDB through MariaDB Connector/J; SQL as {@link MySqlDialect}.
 *
 * <p>TLS: the driver's {@code sslMode} is {@code disable}, {@code trust} (encrypt, do not verify),
 * {@code verify-ca} or {@code verify-full}; {@code sslmode=require} maps to {@code trust}. The
 * driver cannot fall back from TLS to plain text, so {@code prefer} and {@code allow} are refused
 * rather than silently weakened or strengthened. A Unix-socket host uses the driver's own
 * {@code localSocket}.
 *
 * <p>Statement timeouts use {@code max_statement_time} (seconds), which covers every statement.
 *
 * @since 0.1
 */
public final class MariaDbDialect extends MySqlDialect {
  MariaDbDialect() {
    super("mariadb", Set.of("mariadb"));
  }

  @Override
  public String driverClassName() {
    return "org.mariadb.jdbc.Driver";
  }

  @Override
  public String driverArtifact() {
    return "org.mariadb.jdbc:mariadb-java-client";
  }

  @Override
  String jdbcPrefix() {
    return "jdbc:mariadb:";
  }

  @Override
  String driverSslMode(String mode) {
    String lower = mode.toLowerCase(Locale.ROOT);
    if (lower.equals("trust")) {
      return lower;
    }
    return switch (TlsSettings.checkMode("sslmode", lower)) {
      case "disable" -> "disable";
      case "require" -> "trust";
      case "verify-ca" -> "verify-ca";
      case "verify-full" -> "verify-full";
      default -> throw unsupported(name(), "sslmode=" + lower + " is not supported by MariaDB "
          + "Connector/J, which cannot fall back between TLS and plain text; use disable or "
          + "require");
    };
  }

  @Override
  void addSocket(Map<String, String> query, String path) {
    query.put("localSocket", path);
  }

  @Override
  public List<String> statementTimeoutStatements(Duration timeout) {
    BigDecimal seconds = BigDecimal.valueOf(timeout.toMillis(), 3);
    return List.of("SET SESSION max_statement_time = " + seconds.toPlainString());
  }

  @Override
  public boolean statementTimeoutCoversWrites() {
    return true;
  }

  @Override
  public List<String> statementTimeoutResetStatements() {
    return List.of("SET SESSION max_statement_time = DEFAULT");
  }
}
