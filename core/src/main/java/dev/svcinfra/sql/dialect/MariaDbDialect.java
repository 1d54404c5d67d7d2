package dev.svcinfra.sql.dialect;

import dev.svcinfra.config.internal.TlsSettings;
import dev.svcinfra.sql.dialect.internal.ReplicaPositions;
import dev.svcinfra.sql.dialect.internal.ReplicationProbe;
import dev.svcinfra.sql.dialect.internal.UnsupportedDdlException;
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
   * ignore-case indexes are read back from their generated columns ({@link #withLowerColumns}).
   */
  @Override
  public Table cleanReflectedTable(Connection c, String schema, Table reflected)
      throws SQLException {
    Table table = withLowerColumns(c, schema, MySqlReflection.withoutForeignKeyIndexes(reflected));
    return withJsonColumns(c, schema, table);
  }

  // ---- ignore-case indexes: MariaDB has no expression indexes ---------------------------------

  /**
   * The suffix of the generated column that holds {@code lower(column)} for ignore-case indexes.
   */
  static final String LOWER_SUFFIX = "__lower";

  /**
   * MariaDB (through 11.x) cannot index an expression, and its text columns are binary here ({@link
   * #collationClause}), so an ignore-case index is an index on an invisible virtual column {@code
   * <column>__lower} computed as {@code lower(column)}: Unicode lowercase in a binary collation, so
   * {@code Émile} and {@code émile} collide and {@code emile} and {@code émile} do not (a {@code
   * _ci} collation would make accents and trailing spaces collide too; issue 16). The column is
   * virtual (nothing is stored but the index), invisible (no {@code SELECT *} shows it), added once
   * per column and shared by the indexes on it; dropping an index leaves it, since another index
   * may use it. One statement adds both.
   */
  @Override
  public String createIndexStatement(Table table, Index index) {
    if (!index.ignoreCase()) {
      return super.createIndexStatement(table, index);
    }
    StringBuilder sql = new StringBuilder(alterTable(table));
    for (String column : index.columns()) {
      ColumnType type =
          table.columns().stream()
              .filter(c -> c.name().equalsIgnoreCase(column))
              .findFirst()
              .map(Column::type)
              .orElseThrow(
                  () ->
                      new UnsupportedDdlException(
                          "ignore-case index "
                              + index.name()
                              + " names the column "
                              + column
                              + ", which "
                              + table.qualifiedName()
                              + " does not have"));
      sql.append(" ADD COLUMN IF NOT EXISTS ")
          .append(quote(column + LOWER_SUFFIX))
          .append(' ')
          .append(columnTypeSql(type))
          .append(collationClause(type))
          .append(" AS (lower(")
          .append(quote(column))
          .append(")) VIRTUAL INVISIBLE,");
    }
    return sql.append(" ADD ")
        .append(index.unique() ? "UNIQUE " : "")
        .append("INDEX ")
        .append(quote(index.name()))
        .append(" (")
        .append(
            index.columns().stream()
                .map(c -> quote(c + LOWER_SUFFIX))
                .collect(Collectors.joining(", ")))
        .append(')')
        .toString();
  }

  /**
   * A column that an ignore-case index covers changes its {@code lower()} column with it, in the
   * same statement, so the generated column never holds a shorter type than its source.
   */
  @Override
  public List<String> alterColumnStatements(Table table, Column from, Column to) {
    List<String> out = new ArrayList<>(super.alterColumnStatements(table, from, to));
    boolean folded =
        to.type().isText()
            && table.indexes().stream()
                .anyMatch(
                    ix ->
                        ix.ignoreCase()
                            && ix.columns().stream().anyMatch(c -> c.equalsIgnoreCase(to.name())));
    if (folded) {
      out.set(
          out.size() - 1,
          out.get(out.size() - 1)
              + ", MODIFY COLUMN IF EXISTS "
              + quote(to.name() + LOWER_SUFFIX)
              + " "
              + columnTypeSql(to.type())
              + collationClause(to.type())
              + " AS (lower("
              + quote(to.name())
              + ")) VIRTUAL INVISIBLE");
    }
    return out;
  }

  /** A generated column {@code lower(`email`)}, as information_schema spells it. */
  private static final Pattern LOWER_EXPRESSION =
      Pattern.compile("(?i)^\\s*(?:lcase|lower)\\(`((?:[^`]|``)+)`\\)\\s*$");

  /**
   * The invisible {@code lower(column)} columns of {@link #createIndexStatement} are left out of
   * the reflected table, and an index over them reads as the ignore-case index over their columns.
   * An index on a plain column stays plain whatever the column's collation, so {@code check}
   * reports an ignore-case model index that a {@code _ci} column stood for before issue 16.
   */
  private static Table withLowerColumns(Connection c, String schema, Table table)
      throws SQLException {
    if (table.columns().stream()
        .noneMatch(col -> col.name().toLowerCase(Locale.ROOT).endsWith(LOWER_SUFFIX))) {
      return table;
    }
    Map<String, String> lowered = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    MySqlReflection.forEachTableRow(
        c,
        "SELECT COLUMN_NAME, GENERATION_EXPRESSION FROM information_schema.COLUMNS "
            + "WHERE TABLE_SCHEMA = COALESCE(?, DATABASE()) AND TABLE_NAME = ? "
            + "AND GENERATION_EXPRESSION IS NOT NULL",
        schema,
        table.name(),
        rs -> {
          Matcher m = LOWER_EXPRESSION.matcher(rs.getString(2));
          if (m.matches()) {
            lowered.put(rs.getString(1), m.group(1).replace("``", "`"));
          }
        });
    if (lowered.isEmpty()) {
      return table;
    }
    return table
        .withColumns(
            table.columns().stream().filter(col -> !lowered.containsKey(col.name())).toList())
        .withIndexes(
            table.indexes().stream()
                .map(
                    ix ->
                        lowered.keySet().containsAll(ix.columns())
                            ? new Index(
                                ix.name(),
                                ix.columns().stream().map(lowered::get).toList(),
                                ix.unique(),
                                true)
                            : ix)
                .toList());
  }

  private static Table withJsonColumns(Connection c, String schema, Table table)
      throws SQLException {
    if (table.columns().stream().noneMatch(col -> col.type().kind() == ColumnType.Kind.TEXT)) {
      return table;
    }
    Set<String> json = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    MySqlReflection.forEachTableRow(
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
