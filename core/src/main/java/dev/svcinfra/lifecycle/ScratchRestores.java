package dev.svcinfra.lifecycle;

import dev.svcinfra.ErrorCode;
import dev.svcinfra.config.ConfigException;
import dev.svcinfra.sql.dialect.Dialect;
import dev.svcinfra.sql.dialect.Dialects;
import java.util.Map;
import java.util.TreeSet;

/**
 * The databases a backup can be restore-tested into, registered by dialect name in one place.
 * Others are refused with a message naming the supported ones.
 */
final class ScratchRestores {
  private static final Map<String, ScratchRestore> BY_DIALECT = Map.of(
      Dialects.POSTGRESQL.name(), new PostgresScratchRestore(),
      Dialects.SQLITE.name(), new SqliteScratchRestore());

  private ScratchRestores() {}

  static ScratchRestore forDialect(Dialect dialect) {
    ScratchRestore restore = BY_DIALECT.get(dialect.name());
    if (restore == null) {
      throw new ConfigException(ErrorCode.INVALID_SETTING, "restore tests support "
          + String.join(" and ", new TreeSet<>(BY_DIALECT.keySet())) + "; the database URL is "
          + dialect.name());
    }
    return restore;
  }
}
