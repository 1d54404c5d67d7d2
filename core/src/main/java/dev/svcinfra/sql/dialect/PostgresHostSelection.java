package dev.svcinfra.sql.dialect;

import dev.svcinfra.ErrorCode;
import dev.svcinfra.config.ConfigException;
import java.util.Locale;
import java.util.Map;

/**
 * Which server of a multi-host PostgreSQL URL ({@code postgresql://h1:5432,h2:5432/app}) a pool
 * connects to, in pgjdbc's terms. libpq's {@code target_session_attrs}, the spelling psql, psycopg,
 * asyncpg and Heroku-style URLs use, is translated to pgjdbc's {@code targetServerType}: pgjdbc
 * ignores parameters it does not know, so passing it through let a service connect to a standby and
 * answer every write with an error (issue 18).
 *
 * <pre>
 * target_session_attrs   targetServerType
 * any                    any
 * read-write, primary    primary            (pgjdbc: a server whose transactions are not read-only)
 * read-only, standby     secondary
 * prefer-standby         preferSecondary
 * </pre>
 *
 * <p>With several hosts and neither parameter, the primary pool asks for {@code primary} (its
 * transactions write) and the replica pool for {@code preferSecondary}. pgjdbc remembers for {@code
 * hostRecheckSeconds} (10 by default) which host was a standby and skips it meanwhile, which would
 * hide a newly promoted primary for up to ten seconds after a failover; with several hosts every
 * new connection therefore looks at every host again ({@code hostRecheckSeconds=0}), unless the URL
 * sets it. That costs one extra connection attempt per new pooled connection, not per request.
 */
final class PostgresHostSelection {
  static final String LIBPQ = "target_session_attrs";
  static final String PGJDBC = "targetServerType";
  static final String RECHECK = "hostRecheckSeconds";

  private static final Map<String, String> TRANSLATION =
      Map.of(
          "any", "any",
          "read-write", "primary",
          "primary", "primary",
          "read-only", "secondary",
          "standby", "secondary",
          "prefer-standby", "preferSecondary");

  private PostgresHostSelection() {}

  /**
   * Replaces {@code target_session_attrs} in {@code query} by pgjdbc's parameter and adds the
   * defaults for a URL with {@code hostCount} hosts.
   *
   * @throws ConfigException for a {@code target_session_attrs} value libpq does not define, or when
   *     it and {@code targetServerType} ask for different servers
   */
  static void apply(Map<String, String> query, int hostCount, boolean replica) {
    String libpq = StandardDialect.take(query, LIBPQ);
    String pgjdbc = StandardDialect.take(query, PGJDBC);
    String target = pgjdbc;
    if (libpq != null) {
      String translated = TRANSLATION.get(libpq.trim().toLowerCase(Locale.ROOT));
      if (translated == null) {
        throw new ConfigException(
            ErrorCode.INVALID_DATABASE_URL,
            LIBPQ
                + "='"
                + libpq
                + "' is not one of any, read-write, read-only, primary, standby, prefer-standby");
      }
      if (pgjdbc != null && !pgjdbc.equalsIgnoreCase(translated)) {
        throw new ConfigException(
            ErrorCode.INVALID_DATABASE_URL,
            LIBPQ
                + "="
                + libpq
                + " means "
                + PGJDBC
                + "="
                + translated
                + " but the URL also sets "
                + PGJDBC
                + "="
                + pgjdbc
                + "; keep one of them");
      }
      target = translated;
    }
    if (target == null && hostCount > 1) {
      target = replica ? "preferSecondary" : "primary";
    }
    if (target != null) {
      query.put(PGJDBC, target);
    }
    if (hostCount > 1 && !StandardDialect.containsKey(query, RECHECK)) {
      query.put(RECHECK, "0");
    }
  }
}
