package dev.svcinfra.migrate;

import dev.svcinfra.ErrorCode;
import dev.svcinfra.migrate.internal.script.RevisionGraph;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code FROM:TO} form of offline targets. Offline there is no database to read the current
 * revision from, so an upgrade starts at base unless {@code FROM} says otherwise, and a downgrade
 * must say where it starts ({@code head:base}, {@code 1a2b:-1}). {@code FROM} is {@code base},
 * {@code head}, {@code heads}, or revision ids or unique prefixes separated by commas.
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

  /**
   * The revisions the offline script assumes applied: {@code head} is the single head, {@code
   * heads} every head, anything else a revision id or unique prefix, resolved in {@code graph}.
   */
  static Set<String> startingRevisions(List<String> from, RevisionGraph graph) {
    Set<String> ids = new LinkedHashSet<>();
    for (String f : from) {
      switch (f) {
        case "head" -> ids.add(graph.singleHead("an offline range starting at 'head'").id());
        case "heads" -> graph.heads().forEach(h -> ids.add(h.id()));
        default -> ids.add(graph.get(f).id());
      }
    }
    return Set.copyOf(ids);
  }
}
