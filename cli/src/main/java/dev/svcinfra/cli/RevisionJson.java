package dev.svcinfra.cli;

import dev.svcinfra.migrate.Revision;
import dev.svcinfra.migrate.internal.script.RevisionGraph;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Revisions as the {@code --json} listings print them, and as one text line each. */
final class RevisionJson {
  private RevisionJson() {}

  static List<Map<String, Object>> list(List<Revision> revisions, RevisionGraph graph) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Revision r : revisions) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("revision", r.id());
      m.put("down_revisions", r.downRevisions());
      m.put("depends_on", r.dependsOn());
      m.put("message", r.message());
      m.put("origin", r.origin());
      m.put("is_head", graph.childrenOf(r.id()).isEmpty());
      m.put("is_base", r.isBase());
      m.put("is_merge", r.isMerge());
      m.put("is_branch_point", graph.childrenOf(r.id()).size() > 1);
      out.add(m);
    }
    return out;
  }

  /** {@code a1b2 -> c3d4 (head), message}. */
  static String line(Revision r, RevisionGraph graph) {
    StringBuilder s =
        new StringBuilder(r.isBase() ? "<base>" : String.join(", ", r.downRevisions()))
            .append(" -> ")
            .append(r.id());
    List<String> marks = new ArrayList<>();
    if (graph.childrenOf(r.id()).isEmpty()) {
      marks.add("head");
    }
    if (graph.childrenOf(r.id()).size() > 1) {
      marks.add("branchpoint");
    }
    if (r.isMerge()) {
      marks.add("mergepoint");
    }
    if (!marks.isEmpty()) {
      s.append(" (").append(String.join(", ", marks)).append(')');
    }
    if (!r.message().isEmpty()) {
      s.append(", ").append(r.message());
    }
    return s.toString();
  }
}
