package dev.svcinfra.sql.dialect;

import dev.svcinfra.ErrorCode;
import dev.svcinfra.config.ConfigException;
import dev.svcinfra.config.DatabaseUrl;
import dev.svcinfra.config.internal.HostPort;
import dev.svcinfra.config.internal.PercentCodec;
import dev.svcinfra.config.internal.PoolerMode;
import dev.svcinfra.sql.dialect.internal.ConnectionTarget;
import dev.svcinfra.sql.dialect.internal.MigrationLock;
import dev.svcinfra.sql.model.ColumnType;
import dev.svcinfra.sql.model.internal.Column;
import dev.svcinfra.sql.model.internal.ForeignKey;
import dev.svcinfra.sql.model.internal.Table;
import dev.svcinfra.sql.model.internal.UniqueConstraint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The SQL most databases agree on: double-quoted identifiers, {@code LIMIT/OFFSET}, {@code
 * LOWER(..) LIKE LOWER(..)} or {@code ILIKE} where there is one, transactional DDL. Each dialect
 * overrides only what differs.
 */
abstract class StandardDialect extends StandardDdl {
  private final String name;
  private final Set<String> schemes;

  StandardDialect(String name, Set<String> schemes) {
    this.name = name;
    this.schemes = schemes;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Set<String> schemes() {
    return schemes;
  }

  @Override
  public String quote(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }

  @Override
  public void appendLimitOffset(StringBuilder sql, long limit, long offset, boolean hasOrderBy) {
    sql.append(" LIMIT ").append(limit);
    if (offset > 0) {
      sql.append(" OFFSET ").append(offset);
    }
  }

  @Override
  public String containsIgnoreCase(String quotedColumn) {
    if (hasIlike()) {
      return quotedColumn + " ILIKE ? ESCAPE '" + LIKE_ESCAPE + "'";
    }
    return "LOWER(" + quotedColumn + ") LIKE LOWER(?) ESCAPE '" + LIKE_ESCAPE + "'";
  }

  /**
   * Whether the database has {@code ILIKE} (PostgreSQL, DuckDB, Snowflake). Where it has, the
   * search compares the bare column, which an index on that column can serve (PostgreSQL's trigram
   * index); {@code LOWER(column)} would hide the column from every index but one on that very
   * expression. Elsewhere both sides are lowered.
   */
  boolean hasIlike() {
    return false;
  }

  @Override
  public boolean supportsReturning() {
    return false;
  }

  @Override
  public boolean supportsTransactionalDdl() {
    return true;
  }

  @Override
  public List<String> statementTimeoutStatements(Duration timeout) {
    return List.of();
  }

  /** A lease row with an expiry: works wherever there is a table and a primary key. */
  @Override
  public MigrationLock migrationLock() {
    return new LeaseLock(this);
  }

  /**
   * Behind a transaction pooler each statement may reach another server session, so a session lock
   * could be released in a session that never held it: the lease row serves instead.
   */
  @Override
  public MigrationLock migrationLock(PoolerMode pooler) {
    MigrationLock own = migrationLock();
    return own.heldBySession() && !pooler.keepsSessions() ? new LeaseLock(this) : own;
  }

  /**
   * {@code version_num} takes the dialect's text collation, binary where a server default would
   * ignore case (MySQL, MariaDB, SQL Server; issue 17): revision ids {@code ab12} and {@code AB12}
   * are two revisions, as on PostgreSQL, SQLite and DuckDB. A version table created before keeps
   * its collation and keeps working for ids that differ in more than case.
   */
  @Override
  public List<String> createVersionTable(String table) {
    return List.of(
        "CREATE TABLE "
            + quote(table)
            + " (version_num VARCHAR(64)"
            + collationClause(ColumnType.string(64))
            + " NOT NULL, "
            + "CONSTRAINT "
            + quote(table + "_pkc")
            + " PRIMARY KEY (version_num))");
  }

  @Override
  public List<String> createHistoryTable(String table) {
    return List.of(
        "CREATE TABLE "
            + quote(table)
            + " (seq INTEGER NOT NULL, "
            + "revision VARCHAR(64) NOT NULL, down_revisions VARCHAR(1000) NOT NULL, "
            + "direction VARCHAR(10) NOT NULL, message VARCHAR(1000) NOT NULL, checksum VARCHAR(64), "
            + "applied_by VARCHAR(255) NOT NULL, applied_at "
            + timestampType()
            + " NOT NULL, "
            + "duration_ms BIGINT, CONSTRAINT "
            + quote(table + "_pkc")
            + " PRIMARY KEY (seq))");
  }

  /** The column type of a point in time, as the history table stores it. */
  String timestampType() {
    return "TIMESTAMP";
  }

  /** Statements creating the lease table of {@link LeaseLock} if it is missing. */
  List<String> createLeaseTable(String table) {
    return List.of(
        "CREATE TABLE IF NOT EXISTS "
            + quote(table)
            + " (name VARCHAR(100) NOT NULL, "
            + "owner VARCHAR(200) NOT NULL, expires_at BIGINT NOT NULL, "
            + "CONSTRAINT "
            + quote(table + "_pkc")
            + " PRIMARY KEY (name))");
  }

  @Override
  public String stringLiteral(String value) {
    return "'" + value.replace("'", "''") + "'";
  }

  // ---- schema changes ---------------------------------------------------------------------

  String alterTable(Table table) {
    return "ALTER TABLE " + tableName(table.schema(), table.name());
  }

  @Override
  public List<String> addColumnStatements(Table table, Column column) {
    return List.of(alterTable(table) + " ADD COLUMN " + columnDefinition(table, column));
  }

  @Override
  public List<String> dropColumnStatements(Table table, String column) {
    return List.of(alterTable(table) + " DROP COLUMN " + quote(column));
  }

  /** One {@code ALTER COLUMN} clause per changed property (PostgreSQL, DuckDB, Snowflake). */
  @Override
  public List<String> alterColumnStatements(Table table, Column from, Column to) {
    List<String> out = new ArrayList<>();
    String column = alterTable(table) + " ALTER COLUMN " + quote(to.name());
    if (!columnTypeSql(from.type()).equalsIgnoreCase(columnTypeSql(to.type()))) {
      out.add(column + " TYPE " + columnTypeSql(to.type()));
    }
    if (!from.defaultSql().equals(to.defaultSql())) {
      out.add(
          to.defaultSql().map(d -> column + " SET DEFAULT " + d).orElse(column + " DROP DEFAULT"));
    }
    if (from.nullable() != to.nullable()) {
      out.add(column + (to.nullable() ? " DROP NOT NULL" : " SET NOT NULL"));
    }
    return out;
  }

  @Override
  public List<String> renameColumnStatements(Table table, String from, String to) {
    return List.of(alterTable(table) + " RENAME COLUMN " + quote(from) + " TO " + quote(to));
  }

  @Override
  public List<String> renameTableStatements(Table table, String from) {
    return List.of(
        "ALTER TABLE " + tableName(table.schema(), from) + " RENAME TO " + quote(table.name()));
  }

  @Override
  public List<String> addUniqueStatements(Table table, UniqueConstraint unique) {
    return List.of(
        alterTable(table)
            + " ADD CONSTRAINT "
            + quote(unique.name())
            + " UNIQUE ("
            + columnList(unique.columns())
            + ")");
  }

  @Override
  public List<String> dropUniqueStatements(Table table, UniqueConstraint unique) {
    return List.of(alterTable(table) + " DROP CONSTRAINT " + quote(unique.name()));
  }

  @Override
  public List<String> addForeignKeyStatements(Table table, ForeignKey foreignKey) {
    return List.of(alterTable(table) + " ADD " + foreignKeyClause(foreignKey));
  }

  @Override
  public List<String> dropForeignKeyStatements(Table table, ForeignKey foreignKey) {
    return List.of(alterTable(table) + " DROP CONSTRAINT " + quote(foreignKey.name()));
  }

  @Override
  public String toString() {
    return name;
  }

  /** Driver properties holding only the password (everything else goes into the JDBC URL). */
  static Map<String, String> passwordProperty(DatabaseUrl url) {
    Map<String, String> props = new LinkedHashMap<>();
    url.password().ifPresent(p -> props.put(ConnectionTarget.PASSWORD, p));
    return props;
  }

  /**
   * {@code prefix//host1:port1,host2/database?params}: the form pgjdbc and both MySQL drivers use.
   * Parameters the URL cannot carry verbatim go into {@code properties} instead ({@link
   * DriverParameters}).
   */
  static String serverJdbcUrl(
      String prefix, DatabaseUrl url, Map<String, String> query, Map<String, String> properties) {
    StringBuilder out = new StringBuilder(prefix).append("//");
    List<HostPort> hosts = url.hosts();
    if (hosts.isEmpty()) {
      out.append("localhost");
    }
    for (int i = 0; i < hosts.size(); i++) {
      out.append(i == 0 ? "" : ",").append(hosts.get(i).render());
    }
    out.append('/');
    url.database().ifPresent(db -> out.append(PercentCodec.encode(db, PercentCodec.USERINFO_SAFE)));
    DriverParameters.place(out, query, '?', '&', properties);
    return out.toString();
  }

  /** Query parameters of {@code url} plus the user name, in order, without the password. */
  static Map<String, String> queryWithUser(DatabaseUrl url) {
    Map<String, String> query = new LinkedHashMap<>();
    url.user().ifPresent(u -> query.put("user", u));
    query.putAll(url.params());
    return query;
  }

  /** Removes {@code names} (any case) from {@code params} and returns the last value seen. */
  static String take(Map<String, String> params, String... names) {
    String found = null;
    for (String n : names) {
      for (var it = params.entrySet().iterator(); it.hasNext(); ) {
        var e = it.next();
        if (e.getKey().equalsIgnoreCase(n)) {
          found = e.getValue();
          it.remove();
        }
      }
    }
    return found;
  }

  /** Whether {@code params} has {@code key}, in any case. */
  static boolean containsKey(Map<String, String> params, String key) {
    return params.keySet().stream().anyMatch(k -> k.equalsIgnoreCase(key));
  }

  static ConfigException unsupported(String dialect, String what) {
    return new ConfigException(ErrorCode.INVALID_DATABASE_URL, dialect + ": " + what);
  }
}
