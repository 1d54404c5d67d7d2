package dev.svcinfra.sql.dialect;

import dev.svcinfra.config.TlsSettings;
import dev.svcinfra.sql.model.Column;
import dev.svcinfra.sql.model.ColumnType;
import dev.svcinfra.sql.model.Table;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

  // ---- reflection clean-up for autogenerate ------------------------------------------------

  /** The CHECK MariaDB adds to a JSON column: {@code json_valid(`doc`)}. */
  private static final Pattern JSON_CHECK = Pattern.compile("(?i)^\\s*json_valid\\(`((?:[^`]|``)+)`\\)\\s*$");

  /**
   * MariaDB's JSON is an alias: the column is stored as {@code LONGTEXT} with a
   * {@code json_valid(column)} CHECK constraint, and JDBC metadata reports LONGTEXT. A text column
   * with that constraint is reported as JSON; one without it stays text, so a real change between
   * the two is still found. Indexes are cleaned up as in MySQL.
   */
  @Override
  public Table cleanReflectedTable(Connection c, String schema, Table reflected)
      throws SQLException {
    Table table = super.cleanReflectedTable(c, schema, reflected);
    if (table.columns().stream().noneMatch(col -> col.type().kind() == ColumnType.Kind.TEXT)) {
      return table;
    }
    Set<String> json = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    try (PreparedStatement ps = c.prepareStatement("SELECT CHECK_CLAUSE FROM "
        + "information_schema.CHECK_CONSTRAINTS WHERE CONSTRAINT_SCHEMA = COALESCE(?, DATABASE()) "
        + "AND TABLE_NAME = ?")) {
      ps.setString(1, schema);
      ps.setString(2, table.name());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Matcher m = JSON_CHECK.matcher(rs.getString(1));
          if (m.matches()) {
            json.add(m.group(1).replace("``", "`"));
          }
        }
      }
    }
    return table.withColumns(table.columns().stream().map(col ->
        col.type().kind() == ColumnType.Kind.TEXT && json.contains(col.name())
            ? new Column(col.name(), ColumnType.of(ColumnType.Kind.JSON), col.nullable(),
                col.defaultSql(), col.identity(), col.comment(), col.previousNames())
            : col).toList());
  }
}
