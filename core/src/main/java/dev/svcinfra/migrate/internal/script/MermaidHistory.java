package dev.svcinfra.migrate.internal.script;

import dev.svcinfra.migrate.Revision;

/**
 * The revision graph as a Mermaid flowchart, for docs: one node per revision (id and message), an
 * arrow from each parent, dotted arrows for {@code depends_on}.
 *
 * <pre>{@code
 * String md = MermaidHistory.render(graph);   // "flowchart BT\n  r_1a2b[...]\n ..."
 * }</pre>
 *
 * @since 0.1
 */
public final class MermaidHistory {
  private MermaidHistory() {}

  public static String render(RevisionGraph graph) {
    StringBuilder out = new StringBuilder("flowchart BT\n");
    for (Revision r : graph.all()) {
      String label = r.message().isEmpty() ? r.id() : r.id() + ": " + r.message();
      out.append("  r_")
          .append(r.id())
          .append("[\"")
          .append(label.replace("\"", "#quot;"))
          .append("\"]\n");
    }
    for (Revision r : graph.all()) {
      for (String parent : r.downRevisions()) {
        out.append("  r_").append(r.id()).append(" --> r_").append(parent).append('\n');
      }
      for (String dep : r.dependsOn()) {
        out.append("  r_").append(r.id()).append(" -.-> r_").append(dep).append('\n');
      }
    }
    return out.toString();
  }
}
