package dev.svcinfra.sql.dialect;

import dev.svcinfra.config.internal.TlsSettings;
import dev.svcinfra.sql.dialect.internal.ReplicaPositions;
import dev.svcinfra.sql.dialect.internal.ReplicationProbe;
import dev.svcinfra.sql.model.ColumnType;
import dev.svcinfra.sql.model.internal.Column;
import dev.svcinfra.sql.model.internal.Index;
import dev.svcinfra.sql.model.internal.Table;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * MariaDB through MariaDB Connector/J; SQL as {@link MySqlDialect}.
 *
 * <p>TLS: the driver's {@code sslMode} is {@code disable}, {@code trust} (encrypt, do not verify),
 * {@code verify-ca} or {@code verify-full}; {@code sslmode=require} maps to {@code trust}. The
 * driver cannot fall back from TLS to plain text, so {@code prefer} and {@code allow} are refused
 * rather than silently weakened or strengthened. A Unix-socket host uses the driver's own {@code
 * localSocket}.
 *
 * <p>Statement timeouts use {@code max_statement_time} (seconds), which covers every statement.
 *
 * @since 0.1
 */
final class MariaDbDialect extends MySqlDialect {
  MariaDbDialect() {
    super("mariadb", Set.of("mariadb"));
  }

  @Override
  public String driverClassName() {
    return "org.mariadb.jdbc.Driver";
  }

  /** MariaDB's own GTIDs ({@code domain-server-sequence}) and {@code MASTER_GTID_WAIT}. */
  @Override
  public Optional<ReplicaPositions> replicaPositions() {
    return Optional.of(ReplicaPositions.mariadb());
  }

  @Override
  public String driverArtifact() {
    return "org.mariadb.jdbc:mariadb-java-client";
  }

  @Override
  String jdbcPrefix() {
    return "jdbc:mariadb:";
  }

  /** The driver's high-availability mode, as {@link MySqlHostSelection#mariadb} chooses it. */
  @Override
  String hostMode(Map<String, String> query, int hostCount) {
    return MySqlHostSelection.mariadb(query, hostCount);
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
      default ->
          throw unsupported(
              name(),
              "sslmode="
                  + lower
                  + " is not supported by MariaDB "
                  + "Connector/J, which cannot fall back between TLS and plain text; use disable or "
                  + "require");
    };
  }

  /**
   * MariaDB's binary NO PAD collation of utf8mb4 (10.2+); {@code utf8mb4_bin} would still compare
   * {@code acme} and {@code acme } as equal.
   */
  @Override
  String binaryCollation() {
    return "utf8mb4_nopad_bin";
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
  private static final Pattern JSON_CHECK =
      Pattern.compile("(?i)^\\s*json_valid\\(`((?:[^`]|``)+)`\\)\\s*$");

  /**
   * MariaDB's JSON is an alias: the column is stored as {@code LONGTEXT} with a {@code
   * json_valid(column)} CHECK constraint, and JDBC metadata reports LONGTEXT. A text column with
   * that constraint is reported as JSON; one without it stays text, so a real change between the
   * two is still found. The index InnoDB adds for a foreign key is left out as in MySQL, and
   * ignore-case and live-rows-only indexes are read back from their generated columns ({@link
   * #withGeneratedKeyColumns}).
   */
  @Override
  public Table cleanReflectedTable(Connection c, String schema, Table reflected)
      throws SQLException {
    Table table =
        withGeneratedKeyColumns(c, schema, MySqlReflection.withoutForeignKeyIndexes(reflected));
    return withJsonColumns(c, schema, table);
  }

  // ---- ignore-case and live-rows-only indexes: MariaDB has no expression indexes ------------

  /**
   * The suffix of the generated column that holds {@code lower(column)} for ignore-case indexes.
   */
  static final String LOWER_SUFFIX = "__lower";

  /** The suffix of the generated column that holds a live row's value, NULL for a deleted one. */
  static final String LIVE_SUFFIX = "__live";

  /** The suffix of the generated column that holds a live row's {@code lower(column)}. */
  static final String LOWER_LIVE_SUFFIX = "__lower_live";

  /**
   * MariaDB (through 11.x) cannot index an expression, and its text columns are binary here ({@link
   * #collationClause}), so an ignore-case index is an index on an invisible virtual column {@code
   * <column>__lower} computed as {@code lower(column)}: Unicode lowercase in a binary collation, so
   * {@code Émile} and {@code émile} collide and {@code emile} and {@code émile} do not (a {@code
   * _ci} collation would make accents and trailing spaces collide too; issue 16). A live-rows-only
   * index has no partial form either: its column {@code <column>__live} (or {@code
   * <column>__lower_live}) is {@code IF(`deleted_at` IS NULL, column, NULL)}, and NULL keys never
   * collide, so deleted rows drop out of a unique index (issue 21). The column is virtual (nothing
   * is stored but the index), invisible (no {@code SELECT *} shows it), added once per column and
   * shared by the indexes on it; dropping an index leaves it, since another index may use it. One
   * statement adds both.
   */
  @Override
  public String createIndexStatement(Table table, Index index) {
    if (!index.ignoreCase() && index.whereNull().isEmpty()) {
      return super.createIndexStatement(table, index);
    }
    StringBuilder sql = new StringBuilder(alterTable(table));
    for (String column : index.columns()) {
      ColumnType type = indexedColumnType(table, index, column);
      sql.append(" ADD COLUMN IF NOT EXISTS ")
          .append(generatedColumn(index, column, type))
          .append(',');
    }
    return sql.append(" ADD ")
        .append(index.unique() ? "UNIQUE " : "")
        .append("INDEX ")
        .append(quote(index.name()))
        .append(" (")
        .append(
            index.columns().stream()
                .map(c -> quote(generatedName(index, c)))
                .collect(Collectors.joining(", ")))
        .append(')')
        .toString();
  }

  /** {@code email__lower}, {@code email__live} or {@code email__lower_live}. */
  private static String generatedName(Index index, String column) {
    if (index.whereNull().isEmpty()) {
      return column + LOWER_SUFFIX;
    }
    return column + (index.ignoreCase() ? LOWER_LIVE_SUFFIX : LIVE_SUFFIX);
  }

  /** The definition of {@code column}'s generated key column for {@code index}. */
  private String generatedColumn(Index index, String column, ColumnType type) {
    String value = index.ignoreCase() ? "lower(" + quote(column) + ")" : quote(column);
    if (index.whereNull().isPresent()) {
      value = "IF(" + quote(index.whereNull().get()) + " IS NULL, " + value + ", NULL)";
    }
    return quote(generatedName(index, column))
        + " "
        + columnTypeSql(type)
        + collationClause(type)
        + " AS ("
        + value
        + ") VIRTUAL INVISIBLE";
  }

  /**
   * A column that an ignore-case or live-rows-only index covers changes its generated columns with
   * it, in the same statement, so a generated column never holds a shorter type than its source.
   */
  @Override
  public List<String> alterColumnStatements(Table table, Column from, Column to) {
    List<String> out = new ArrayList<>(super.alterColumnStatements(table, from, to));
    Map<String, String> generated = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (Index ix : table.indexes()) {
      boolean covers = ix.columns().stream().anyMatch(c -> c.equalsIgnoreCase(to.name()));
      if (covers && (ix.whereNull().isPresent() || (ix.ignoreCase() && to.type().isText()))) {
        generated.putIfAbsent(
            generatedName(ix, to.name()), generatedColumn(ix, to.name(), to.type()));
      }
    }
    if (!generated.isEmpty()) {
      StringBuilder last = new StringBuilder(out.get(out.size() - 1));
      generated.values().forEach(g -> last.append(", MODIFY COLUMN IF EXISTS ").append(g));
      out.set(out.size() - 1, last.toString());
    }
    return out;
  }

  /** A generated column {@code lower(`email`)}, as information_schema spells it. */
  private static final Pattern LOWER_EXPRESSION =
      Pattern.compile("(?i)^\\s*(?:lcase|lower)\\(`((?:[^`]|``)+)`\\)\\s*$");

  /**
   * A generated column {@code if(`deleted_at` is null,`email`,NULL)}, or with {@code
   * lower(`email`)} as its value, as information_schema spells it.
   */
  private static final Pattern LIVE_EXPRESSION =
      Pattern.compile(
          "(?i)^\\s*if\\s*\\(\\s*`((?:[^`]|``)+)`\\s+is\\s+null\\s*,\\s*"
              + "(?:`((?:[^`]|``)+)`|(?:lcase|lower)\\s*\\(\\s*`((?:[^`]|``)+)`\\s*\\))"
              + "\\s*,\\s*null\\s*\\)\\s*$");

  /** What one generated key column stands for: its source column, case fold, live-rows filter. */
  private record KeyColumn(String column, boolean ignoreCase, Optional<String> whereNull) {}

  /**
   * The invisible generated columns of {@link #createIndexStatement} are left out of the reflected
   * table, and an index over them reads as the ignore-case and/or live-rows-only index over their
   * source columns. An index on a plain column stays plain whatever the column's collation, so
   * {@code check} reports an ignore-case model index that a {@code _ci} column stood for before
   * issue 16.
   */
  private static Table withGeneratedKeyColumns(Connection c, String schema, Table table)
      throws SQLException {
    if (table.columns().stream().noneMatch(col -> generatedKeyName(col.name()))) {
      return table;
    }
    Map<String, KeyColumn> keys = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    CatalogRows.forEachTableRow(
        c,
        "SELECT COLUMN_NAME, GENERATION_EXPRESSION FROM information_schema.COLUMNS "
            + "WHERE TABLE_SCHEMA = COALESCE(?, DATABASE()) AND TABLE_NAME = ? "
            + "AND GENERATION_EXPRESSION IS NOT NULL",
        schema,
        table.name(),
        rs -> {
          String expression = rs.getString(2);
          Matcher lower = LOWER_EXPRESSION.matcher(expression);
          Matcher live = LIVE_EXPRESSION.matcher(expression);
          if (lower.matches()) {
            keys.put(
                rs.getString(1), new KeyColumn(unquote(lower.group(1)), true, Optional.empty()));
          } else if (live.matches()) {
            boolean folded = live.group(3) != null;
            keys.put(
                rs.getString(1),
                new KeyColumn(
                    unquote(folded ? live.group(3) : live.group(2)),
                    folded,
                    Optional.of(unquote(live.group(1)))));
          }
        });
    if (keys.isEmpty()) {
      return table;
    }
    return table
        .withColumns(table.columns().stream().filter(col -> !keys.containsKey(col.name())).toList())
        .withIndexes(table.indexes().stream().map(ix -> overSources(ix, keys)).toList());
  }

  /** {@code ix} over the source columns of its generated key columns, when all agree. */
  private static Index overSources(Index ix, Map<String, KeyColumn> keys) {
    if (!keys.keySet().containsAll(ix.columns())) {
      return ix;
    }
    List<KeyColumn> parts = ix.columns().stream().map(keys::get).toList();
    KeyColumn first = parts.get(0);
    boolean alike =
        parts.stream()
            .allMatch(
                k ->
                    k.ignoreCase() == first.ignoreCase()
                        && k.whereNull().equals(first.whereNull()));
    if (!alike) {
      return ix;
    }
    return new Index(
        ix.name(),
        parts.stream().map(KeyColumn::column).toList(),
        ix.unique(),
        first.ignoreCase(),
        false,
        first.whereNull());
  }

  private static boolean generatedKeyName(String column) {
    String name = column.toLowerCase(Locale.ROOT);
    return name.endsWith(LOWER_SUFFIX)
        || name.endsWith(LIVE_SUFFIX)
        || name.endsWith(LOWER_LIVE_SUFFIX);
  }

  private static String unquote(String quoted) {
    return quoted.replace("``", "`");
  }

  private static Table withJsonColumns(Connection c, String schema, Table table)
      throws SQLException {
    if (table.columns().stream().noneMatch(col -> col.type().kind() == ColumnType.Kind.TEXT)) {
      return table;
    }
    Set<String> json = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    CatalogRows.forEachTableRow(
        c,
        "SELECT CHECK_CLAUSE FROM information_schema.CHECK_CONSTRAINTS "
            + "WHERE CONSTRAINT_SCHEMA = COALESCE(?, DATABASE()) AND TABLE_NAME = ?",
        schema,
        table.name(),
        rs -> {
          Matcher m = JSON_CHECK.matcher(rs.getString(1));
          if (m.matches()) {
            json.add(m.group(1).replace("``", "`"));
          }
        });
    return table.withColumns(
        table.columns().stream()
            .map(
                col ->
                    col.type().kind() == ColumnType.Kind.TEXT && json.contains(col.name())
                        ? new Column(
                            col.name(),
                            ColumnType.of(ColumnType.Kind.JSON),
                            col.nullable(),
                            col.defaultSql(),
                            col.identity(),
                            col.comment(),
                            col.previousNames())
                        : col)
            .toList());
  }

  /**
   * {@code SHOW SLAVE STATUS}: every MariaDB release answers it ({@code SHOW REPLICA STATUS} only
   * from 10.5.1), with the {@code Slave_*} and {@code Seconds_Behind_Master} columns.
   */
  @Override
  public Optional<ReplicationProbe> replicationProbe() {
    return Optional.of(MySqlReplication.mariadb());
  }
}
