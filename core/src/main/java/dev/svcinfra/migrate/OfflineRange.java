package dev.svcinfra.migrate;

import dev.svcinfra.ErrorCode;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code FROM:TO} form of offline targets. Offline there is no database to read the current
 * revision from, so an upgrade starts at base unless {@code FROM} says otherwise, and a downgrade
 * must say where it starts ({@code head:base}, {@code 1a2b:-1}).
 */
record OfflineRange(List<String> from, String to) {

  static OfflineRange parse(String text, String defaultTo, boolean fromRequired) {
    String t = text == null || text.isBlank() ? defaultTo : text.strip();
    int colon = t == null ? -1 : t.indexOf(':');
    if (colon < 0) {
      if (fromRequired) {
        throw new MigrationException(
            ErrorCode.MIGRATION_OFFLINE,
            "an offline downgrade needs the "
                + "starting revision: write FROM:TO, e.g. 'head:base' or 'head:-1'");
      }
      return new OfflineRange(List.of(), t);
    }
    String from = t.substring(0, colon).strip();
    List<String> heads =
        from.isEmpty() || from.equals("base")
            ? List.of()
            : Arrays.stream(from.split(",")).map(String::strip).toList();
    return new OfflineRange(heads, t.substring(colon + 1).strip());
  }
}
