package dev.svcinfra.lifecycle;

import dev.svcinfra.ErrorCode;
import dev.svcinfra.config.ConfigException;
import dev.svcinfra.sql.dialect.Dialect;
import dev.svcinfra.sql.dialect.Dialects;
import dev.svcinfra.sql.dialect.internal.BackupRestore;
import java.util.stream.Collectors;

/**
 * The restore test for a database: the dialect says how its backups are restored ({@link
 * Dialect#backupRestore()}; issue 17: no second registry by dialect name), this class maps that
 * method onto its implementation. Others are refused with a message naming the supported ones.
 */
final class ScratchRestores {
  private ScratchRestores() {}

  static ScratchRestore forDialect(Dialect dialect) {
    return dialect
        .backupRestore()
        .map(ScratchRestores::of)
        .orElseThrow(
            () ->
                new ConfigException(
                    ErrorCode.INVALID_SETTING,
                    "restore tests support "
                        + supported()
                        + "; the database URL is "
                        + dialect.name()));
  }

  private static ScratchRestore of(BackupRestore method) {
    return switch (method) {
      case POSTGRES_CLIENT_TOOLS -> new PostgresScratchRestore();
      case SQLITE_FILE -> new SqliteScratchRestore();
    };
  }

  /** "postgresql and sqlite": the dialects that offer a restore method, by name. */
  private static String supported() {
    return Dialects.all().stream()
        .filter(d -> d.backupRestore().isPresent())
        .map(Dialect::name)
        .sorted()
        .collect(Collectors.joining(" and "));
  }
}
