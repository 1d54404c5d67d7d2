package dev.svcinfra.sql.dialect;

import dev.svcinfra.config.TlsSettings;
import dev.svcinfra.sql.model.Column;
import dev.svcinfra.sql.model.ColumnType;
import dev.svcinfra.sql.model.Index;
import dev.svcinfra.sql.model.Table;
import java.math.BigDecimal;
import java.sql.Connection;
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
   * the two is still found. The index InnoDB adds for a foreign key is left out as in MySQL, and
   * an index whose columns all compare case-insensitively is reported as ignore-case
   * ({@link #ignoreCaseKey}).
   */
  @Override
  public Table cleanReflectedTable(Connection c, String schema, Table reflected)
      throws SQLException {
    Table table = withCaseInsensitiveIndexes(c, schema, withoutForeignKeyIndexes(reflected));
    return withJsonColumns(c, schema, table);
  }

  // ---- ignore-case indexes: MariaDB has no expression indexes ---------------------------------

  /**
   * MariaDB (through 11.x) cannot index an expression, so an ignore-case index is written as a
   * plain index on the column: it compares ignoring case exactly when the column's collation does,
   * as MariaDB's defaults ({@code utf8mb4_general_ci}, {@code utf8mb4_uca1400_ai_ci}, every
   * {@code _ci} collation) do. Reflection reports such an index as ignore-case only when every
   * column's collation really is {@code _ci}, so {@code check} finds an ignore-case index on a
   * {@code _bin} or {@code _cs} column. Note that {@code _ci} collations may also ignore accents
   * or trailing spaces, which {@code lower()} does not.
   */
  @Override
  String ignoreCaseKey(Table table, Index index, String column) {
    return quote(column);
  }

  /**
   * A plain model index matches either kind here: on a {@code _ci} column every index ignores
   * case, whatever the model says, and MariaDB has no other kind to offer. An ignore-case model
   * index needs a case-insensitive reflected one.
   */
  @Override
  public boolean sameIndexCase(Index model, Index reflected) {
    return !model.ignoreCase() || reflected.ignoreCase();
  }

  private static Table withCaseInsensitiveIndexes(Connection c, String schema, Table table)
      throws SQLException {
    Set<String> text = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    table.columns().stream().filter(col -> col.type().isText()).forEach(col -> text.add(col.name()));
    if (table.indexes().stream().noneMatch(ix -> text.containsAll(ix.columns()))) {
      return table;
    }
    Set<String> caseInsensitive = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    forEachTableRow(c, "SELECT COLUMN_NAME, COLLATION_NAME FROM information_schema.COLUMNS "
        + "WHERE TABLE_SCHEMA = COALESCE(?, DATABASE()) AND TABLE_NAME = ?", schema, table.name(),
        rs -> {
          String collation = rs.getString(2);
          if (collation != null && collation.toLowerCase(Locale.ROOT).endsWith("_ci")) {
            caseInsensitive.add(rs.getString(1));
          }
        });
    return table.withIndexes(table.indexes().stream().map(ix ->
        caseInsensitive.containsAll(ix.columns())
            ? new Index(ix.name(), ix.columns(), ix.unique(), true) : ix).toList());
  }

  private static Table withJsonColumns(Connection c, String schema, Table table)
      throws SQLException {
    if (table.columns().stream().noneMatch(col -> col.type().kind() == ColumnType.Kind.TEXT)) {
      return table;
    }
    Set<String> json = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    forEachTableRow(c, "SELECT CHECK_CLAUSE FROM information_schema.CHECK_CONSTRAINTS "
        + "WHERE CONSTRAINT_SCHEMA = COALESCE(?, DATABASE()) AND TABLE_NAME = ?", schema,
        table.name(), rs -> {
          Matcher m = JSON_CHECK.matcher(rs.getString(1));
          if (m.matches()) {
            json.add(m.group(1).replace("``", "`"));
          }
        });
    return table.withColumns(table.columns().stream().map(col ->
        col.type().kind() == ColumnType.Kind.TEXT && json.contains(col.name())
            ? new Column(col.name(), ColumnType.of(ColumnType.Kind.JSON), col.nullable(),
                col.defaultSql(), col.identity(), col.comment(), col.previousNames())
            : col).toList());
  }
}
