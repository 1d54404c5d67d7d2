package dev.svcinfra.cli;

import dev.svcinfra.migrate.AppliedRevision;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Prints {@code sql history --applied}: a line per revision, or a JSON array. */
final class AppliedHistoryText {
  private AppliedHistoryText() {}

  static void print(PrintStream out, List<AppliedRevision> revisions, boolean json) {
    if (json) {
      List<Map<String, Object>> doc = new ArrayList<>();
      revisions.forEach(r -> doc.add(object(r)));
      Json.print(out, doc);
      return;
    }
    if (revisions.isEmpty()) {
      out.println("the history table records nothing yet");
      return;
    }
    for (AppliedRevision r : revisions) {
      StringBuilder line =
          new StringBuilder(r.revision())
              .append("  ")
              .append(lower(r.status()))
              .append("  checksum ")
              .append(lower(r.checksum()));
      r.appliedAt().ifPresent(at -> line.append("  applied ").append(at));
      r.appliedBy().ifPresent(by -> line.append(" by ").append(by));
      r.durationMs().ifPresent(ms -> line.append(" in ").append(ms).append(" ms"));
      if (!r.message().isEmpty()) {
        line.append("  ").append(r.message());
      }
      r.note()
          .ifPresent(
              n -> line.append("\n    ").append(r.lastStep().orElse("")).append(": ").append(n));
      out.println(line);
    }
  }

  /** The JSON object of one revision; absent values are null, so every object has every key. */
  private static Map<String, Object> object(AppliedRevision r) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("revision", r.revision());
    o.put("message", r.message());
    o.put("status", lower(r.status()));
    o.put("applied_at", r.appliedAt().orElse(null));
    o.put("applied_by", r.appliedBy().orElse(null));
    o.put("duration_ms", r.durationMs().orElse(null));
    o.put("checksum", lower(r.checksum()));
    o.put("last_step", r.lastStep().orElse(null));
    o.put("note", r.note().orElse(null));
    return o;
  }

  private static String lower(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }
}
