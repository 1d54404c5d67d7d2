package dev.svcinfra.sql.dialect;

import dev.svcinfra.config.ConfigException;
import dev.svcinfra.config.DatabaseUrl;
import dev.svcinfra.config.HostPort;
import dev.svcinfra.config.PercentCodec;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The SQL most databases agree on: double-quoted identifiers, {@code LIMIT/OFFSET},
 * {@code LOWER(..) LIKE LOWER(..)}, transactional DDL. Each dialect overrides only what differs.
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
    return "LOWER(" + quotedColumn + ") LIKE LOWER(?) ESCAPE '" + LIKE_ESCAPE + "'";
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

  /** {@code prefix//host1:port1,host2/database?params}: the form pgjdbc and both MySQL drivers use. */
  static String serverJdbcUrl(String prefix, DatabaseUrl url, Map<String, String> query) {
    StringBuilder out = new StringBuilder(prefix).append("//");
    List<HostPort> hosts = url.hosts();
    if (hosts.isEmpty()) {
      out.append("localhost");
    }
    for (int i = 0; i < hosts.size(); i++) {
      out.append(i == 0 ? "" : ",").append(hosts.get(i).render());
    }
    out.append('/');
    url.database().ifPresent(
        db -> out.append(PercentCodec.encode(db, PercentCodec.USERINFO_SAFE)));
    DatabaseUrl.appendQuery(out, query, '?', '&');
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

  static ConfigException unsupported(String dialect, String what) {
    return new ConfigException(ConfigException.INVALID_URL, dialect + ": " + what);
  }
}
