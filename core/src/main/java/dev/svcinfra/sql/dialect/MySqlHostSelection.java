package dev.svcinfra.sql.dialect;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which server of a multi-host MySQL or MariaDB URL a connection goes to: the drivers'
 * high-availability modes, written {@code jdbc:mariadb:sequential://h1,h2/db} or, in any URL form,
 * as the parameter {@code ha_mode=sequential}. A server that refuses writes ({@code read_only}) is
 * answered 503 and the connection replaced, whatever the mode (issue 18).
 *
 * <ul>
 *   <li>MySQL Connector/J: a plain multi-host URL fails over in host order and then makes the
 *       connection read-only ({@code failOverReadOnly=true}); the library sets {@code
 *       failOverReadOnly=false} unless the URL says otherwise, so the server's own {@code
 *       read_only} decides as it does everywhere else: a promoted replica takes writes, one still
 *       replicating refuses them. {@code loadbalance} and {@code replication} are kept.
 *   <li>MariaDB Connector/J 3 reads only the first host of a plain multi-host URL, which would
 *       silently ignore the others; several hosts without a mode therefore mean {@code sequential}
 *       (try them in order, fail over on a lost connection). {@code loadbalance}, {@code
 *       load-balance-read} and {@code replication} are kept; the 2.x modes ({@code failover},
 *       {@code aurora}) no longer exist and are refused.
 *   <li>libpq's {@code target_session_attrs} has no counterpart in either driver and is refused
 *       rather than ignored.
 * </ul>
 */
final class MySqlHostSelection {
  static final String PARAM = "ha_mode";

  private MySqlHostSelection() {}

  /** MySQL Connector/J's mode for {@code query}'s URL; null for the plain form. */
  static String mysql(Map<String, String> query, int hostCount) {
    refuseSessionAttrs("mysql", query);
    String mode = StandardDialect.take(query, PARAM);
    if (mode == null) {
      if (hostCount > 1 && !StandardDialect.containsKey(query, "failOverReadOnly")) {
        query.put("failOverReadOnly", "false");
      }
      return null;
    }
    return accepted(
        "mysql",
        mode,
        Set.of("loadbalance", "replication"),
        "is not a MySQL Connector/J mode; use loadbalance or replication "
            + "(jdbc:mysql:loadbalance://h1,h2/db), or list the hosts (jdbc:mysql://h1,h2/db) "
            + "to fail over in order");
  }

  /** MariaDB Connector/J's mode for {@code query}'s URL; null for a single host without one. */
  static String mariadb(Map<String, String> query, int hostCount) {
    refuseSessionAttrs("mariadb", query);
    String mode = StandardDialect.take(query, PARAM);
    if (mode == null) {
      return hostCount > 1 ? "sequential" : null;
    }
    return accepted(
        "mariadb",
        mode,
        Set.of("sequential", "loadbalance", "load-balance-read", "replication"),
        "is not a MariaDB Connector/J 3 mode; use sequential, loadbalance, load-balance-read or "
            + "replication (jdbc:mariadb:sequential://h1,h2/db)");
  }

  private static String accepted(String dialect, String mode, Set<String> modes, String why) {
    String lower = mode.toLowerCase(Locale.ROOT);
    if (!modes.contains(lower)) {
      throw StandardDialect.unsupported(dialect, PARAM + "=" + mode + " " + why);
    }
    return lower;
  }

  private static void refuseSessionAttrs(String dialect, Map<String, String> query) {
    if (StandardDialect.containsKey(query, "target_session_attrs")) {
      throw StandardDialect.unsupported(
          dialect,
          "target_session_attrs is a PostgreSQL (libpq) parameter; list the hosts in the order "
              + "to try them ("
              + dialect
              + "://h1,h2/db) and the server's read_only setting decides where writes go");
    }
  }
}
