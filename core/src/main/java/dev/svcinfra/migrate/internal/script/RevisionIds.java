package dev.svcinfra.migrate.internal.script;

import dev.svcinfra.ErrorCode;
import dev.svcinfra.migrate.MigrationException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** New revision ids (12 hex characters) and the check every id passes. */
final class RevisionIds {
  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_]{1,64}");
  private static final SecureRandom RANDOM = new SecureRandom();

  private RevisionIds() {}

  static String random() {
    byte[] bytes = new byte[6];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  /** Ids become file names and version-table values, so they are plain words. */
  static String check(String id, String origin) {
    if (id == null || !VALID.matcher(id).matches()) {
      throw new MigrationException(
          ErrorCode.REVISION_FILE_INVALID,
          "invalid revision id '" + id + "' in " + origin + ": use 1 to 64 letters, digits or _");
    }
    return id;
  }
}
