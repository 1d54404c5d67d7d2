package dev.svcinfra.sql;

import dev.svcinfra.ErrorCode;
import dev.svcinfra.config.ConfigException;
import dev.svcinfra.config.internal.ResolvedUrl;
import dev.svcinfra.sql.dialect.Dialect;
import dev.svcinfra.sql.dialect.Dialects;

/**
 * Refuses a second URL of a database (the replica, the direct URL past a pooler) that names another
 * kind of database than the primary: a mistake better reported before anything connects.
 */
final class SameDatabase {
  static final String DIRECT = "it must reach the same database past the pooler";

  private SameDatabase() {}

  static void require(Dialect primary, ResolvedUrl other, String role, String rule) {
    Dialect otherDialect = Dialects.forUrl(other.url());
    if (!otherDialect.equals(primary)) { // one singleton per database, from Dialects
      throw new ConfigException(
          ErrorCode.INVALID_SETTING,
          role
              + " ("
              + other
              + ") is "
              + otherDialect.name()
              + " but the primary is "
              + primary.name()
              + "; "
              + rule);
    }
  }
}
