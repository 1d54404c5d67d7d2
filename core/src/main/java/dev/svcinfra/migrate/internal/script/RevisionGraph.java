package dev.svcinfra.migrate.internal.script;

import dev.svcinfra.ErrorCode;
import dev.svcinfra.migrate.MigrationException;
import dev.svcinfra.migrate.MultipleHeadsException;
import dev.svcinfra.migrate.Revision;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The revisions and how they follow each other: heads, bases, branch and merge points, and the
 * ordered path between two states. A state is a set of applied heads, as the version table holds
 * it. Built once from revisions and checked: duplicate ids, missing parents and cycles fail, naming
 * the files.
 *
 * <pre>{@code
 * RevisionGraph graph = RevisionGraph.of(revisions);
 * List<Revision> todo = graph.upgradePath(currentHeads, Target.parseUpgrade("head"));
 * Set<String> after = graph.headsOf(applied);
 * }</pre>
 *
 * @since 0.1
 */
public final class RevisionGraph {
  private final Map<String, Revision> byId;
  private final Map<String, Set<String>> children = new LinkedHashMap<>();
  private final List<Revision> ordered;

  private RevisionGraph(Map<String, Revision> byId) {
    this.byId = byId;
    byId.keySet().forEach(id -> children.put(id, new TreeSet<>()));
    for (Revision r : byId.values()) {
      r.downRevisions().forEach(p -> children.get(p).add(r.id()));
    }
    this.ordered = topological(byId.keySet());
  }

  /** Checks and links {@code revisions}. */
  public static RevisionGraph of(Collection<Revision> revisions) {
    Map<String, Revision> byId = new TreeMap<>();
    for (Revision r : revisions) {
      Revision clash = byId.put(r.id(), r);
      if (clash != null) {
        throw invalid(
            "duplicate revision id " + r.id() + " in " + clash.origin() + " and " + r.origin());
      }
    }
    for (Revision r : byId.values()) {
      for (String parent : concat(r.downRevisions(), r.dependsOn())) {
        if (!byId.containsKey(parent)) {
          throw invalid(
              r.origin()
                  + " names "
                  + parent
                  + " as down_revision or depends_on, "
                  + "but no revision has that id");
        }
      }
    }
    requireAcyclic(byId);
    return new RevisionGraph(byId);
  }

  /** Depth-first walk with an explicit stack (histories can be thousands of revisions long). */
  private static void requireAcyclic(Map<String, Revision> byId) {
    Set<String> done = new HashSet<>();
    for (String start : byId.keySet()) {
      if (done.contains(start)) {
        continue;
      }
      List<String> path = new ArrayList<>();
      Deque<Iterator<String>> stack = new ArrayDeque<>();
      path.add(start);
      stack.push(parents(byId.get(start)).iterator());
      while (!stack.isEmpty()) {
        Iterator<String> it = stack.peek();
        if (!it.hasNext()) {
          stack.pop();
          done.add(path.remove(path.size() - 1));
          continue;
        }
        String parent = it.next();
        int at = path.indexOf(parent);
        if (at >= 0) {
          List<String> cycle = new ArrayList<>();
          for (String id : path.subList(at, path.size())) {
            cycle.add(byId.get(id).origin());
          }
          cycle.add(byId.get(parent).origin());
          throw invalid("the revisions form a cycle: " + String.join(" -> ", cycle));
        }
        if (!done.contains(parent)) {
          path.add(parent);
          stack.push(parents(byId.get(parent)).iterator());
        }
      }
    }
  }

  private static List<String> parents(Revision r) {
    return concat(r.downRevisions(), r.dependsOn());
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  static MigrationException invalid(String message) {
    return new MigrationException(ErrorCode.REVISION_GRAPH_INVALID, message);
  }

  // ---- queries ----------------------------------------------------------------------------

  /** Every revision, parents before children. */
  public List<Revision> all() {
    return ordered;
  }

  public boolean isEmpty() {
    return byId.isEmpty();
  }

  /** Revisions no other revision follows. */
  public List<Revision> heads() {
    return ordered.stream().filter(r -> children.get(r.id()).isEmpty()).toList();
  }

  /** Revisions without a {@code down_revision}. */
  public List<Revision> bases() {
    return ordered.stream().filter(Revision::isBase).toList();
  }

  /** Revisions that several revisions follow: where branches split. */
  public List<Revision> branchPoints() {
    return ordered.stream().filter(r -> children.get(r.id()).size() > 1).toList();
  }

  /** The revisions following {@code id}. */
  public Set<String> childrenOf(String id) {
    return Set.copyOf(children.get(get(id).id()));
  }

  /** The revision {@code idOrPrefix} names: its full id, or a prefix only it has. */
  public Revision get(String idOrPrefix) {
    Revision exact = byId.get(idOrPrefix);
    if (exact != null) {
      return exact;
    }
    List<String> matches = byId.keySet().stream().filter(id -> id.startsWith(idOrPrefix)).toList();
    if (matches.size() == 1) {
      return byId.get(matches.get(0));
    }
    throw new MigrationException(
        ErrorCode.REVISION_NOT_FOUND,
        matches.isEmpty()
            ? "no revision '"
                + idOrPrefix
                + "'"
                + (byId.isEmpty() ? " (there are no revisions)" : "")
            : "'" + idOrPrefix + "' is ambiguous: it starts " + String.join(", ", matches));
  }

  /** Whether a revision with exactly this id exists. */
  public boolean contains(String id) {
    return byId.containsKey(id);
  }

  /** The single head; {@link MultipleHeadsException} when there are several. */
  public Revision singleHead(String forWhat) {
    List<Revision> heads = heads();
    if (heads.size() > 1) {
      throw new MultipleHeadsException(heads.stream().map(Revision::id).toList(), forWhat);
    }
    if (heads.isEmpty()) {
      throw new MigrationException(
          ErrorCode.REVISION_NOT_FOUND,
          "there are no revisions yet; create one with 'svc-infra sql revision -m MESSAGE'");
    }
    return heads.get(0);
  }

  /** {@code ids} and everything they need: parents and dependencies, transitively. */
  public Set<String> ancestorsOf(Collection<String> ids) {
    Set<String> seen = new LinkedHashSet<>();
    Deque<String> todo = new ArrayDeque<>();
    ids.forEach(id -> todo.push(get(id).id()));
    while (!todo.isEmpty()) {
      String id = todo.pop();
      if (seen.add(id)) {
        Revision r = byId.get(id);
        r.downRevisions().forEach(todo::push);
        r.dependsOn().forEach(todo::push);
      }
    }
    return seen;
  }

  /** {@code id} and every revision that follows or depends on it, transitively. */
  public Set<String> descendantsOf(String id) {
    Set<String> seen = new LinkedHashSet<>();
    Deque<String> todo = new ArrayDeque<>(List.of(get(id).id()));
    while (!todo.isEmpty()) {
      String next = todo.pop();
      if (seen.add(next)) {
        todo.addAll(children.get(next));
        byId.values().stream()
            .filter(r -> r.dependsOn().contains(next))
            .forEach(r -> todo.push(r.id()));
      }
    }
    return seen;
  }

  /** The heads of an applied set: applied revisions no applied revision follows. */
  public Set<String> headsOf(Set<String> applied) {
    Set<String> heads = new TreeSet<>();
    for (String id : applied) {
      if (children.get(id).stream().noneMatch(applied::contains)) {
        heads.add(id);
      }
    }
    return heads;
  }

  /** {@code ids} sorted so parents and dependencies come first; ties by id, so order is stable. */
  public List<Revision> topological(Collection<String> ids) {
    Set<String> wanted = new HashSet<>(ids);
    Map<String, Integer> waiting = new TreeMap<>();
    // Children per parent, computed once: scanning every revision for each one placed made a
    // 500-revision history quadratic.
    Map<String, List<String>> children = new HashMap<>();
    for (String id : wanted) {
      Revision r = byId.get(id);
      int parentsWanted = 0;
      for (String parent : new LinkedHashSet<>(concat(r.downRevisions(), r.dependsOn()))) {
        if (wanted.contains(parent)) {
          parentsWanted++;
          children.computeIfAbsent(parent, k -> new ArrayList<>()).add(id);
        }
      }
      waiting.put(id, parentsWanted);
    }
    TreeSet<String> ready = new TreeSet<>();
    waiting.forEach(
        (id, n) -> {
          if (n == 0) {
            ready.add(id);
          }
        });
    List<Revision> out = new ArrayList<>();
    while (!ready.isEmpty()) {
      String id = ready.pollFirst();
      out.add(byId.get(id));
      for (String child : children.getOrDefault(id, List.of())) {
        if (waiting.merge(child, -1, Integer::sum) == 0) {
          ready.add(child);
        }
      }
    }
    return out;
  }

  // ---- paths ------------------------------------------------------------------------------

  /** The revisions to apply, in order, to go from {@code currentHeads} to {@code target}. */
  public List<Revision> upgradePath(Set<String> currentHeads, Target target) {
    Set<String> applied = ancestorsOf(currentHeads);
    Set<String> goal;
    if (target instanceof Target.Head) {
      goal = ancestorsOf(List.of(singleHead("'upgrade head'").id()));
    } else if (target instanceof Target.Heads) {
      goal = ancestorsOf(heads().stream().map(Revision::id).toList());
    } else if (target instanceof Target.Exact e) {
      goal = ancestorsOf(List.of(get(e.revision()).id()));
    } else if (target instanceof Target.Relative rel && rel.steps() > 0) {
      List<Revision> all =
          pending(applied, ancestorsOf(List.of(singleHead("'upgrade +" + rel.steps() + "'").id())));
      if (rel.steps() > all.size()) {
        throw new MigrationException(
            ErrorCode.INVALID_TARGET,
            "cannot upgrade "
                + rel.steps()
                + " steps: only "
                + all.size()
                + " revision(s) are not applied");
      }
      goal = ancestorsOf(all.subList(0, rel.steps()).stream().map(Revision::id).toList());
    } else {
      throw new MigrationException(ErrorCode.INVALID_TARGET, target + " is not an upgrade target");
    }
    return pending(applied, goal);
  }

  private List<Revision> pending(Set<String> applied, Set<String> goal) {
    Set<String> todo = new LinkedHashSet<>(goal);
    todo.removeAll(applied);
    return topological(todo);
  }

  /** The revisions to undo, in order, to go from {@code currentHeads} back to {@code target}. */
  public List<Revision> downgradePath(Set<String> currentHeads, Target target) {
    Set<String> applied = ancestorsOf(currentHeads);
    Set<String> remove = new LinkedHashSet<>();
    if (target instanceof Target.Base) {
      remove.addAll(applied);
    } else if (target instanceof Target.Exact e) {
      String id = get(e.revision()).id();
      if (!applied.contains(id)) {
        throw new MigrationException(
            ErrorCode.INVALID_TARGET,
            "cannot downgrade to "
                + id
                + ": it is not applied (current: "
                + String.join(", ", currentHeads)
                + ")");
      }
      remove.addAll(descendantsOf(id));
      remove.remove(id);
    } else if (target instanceof Target.Relative rel && rel.steps() < 0) {
      List<Revision> order = topological(applied);
      int steps = -rel.steps();
      if (steps > order.size()) {
        throw new MigrationException(
            ErrorCode.INVALID_TARGET,
            "cannot downgrade "
                + steps
                + " steps: only "
                + order.size()
                + " revision(s) are applied");
      }
      order.subList(order.size() - steps, order.size()).forEach(r -> remove.add(r.id()));
    } else {
      throw new MigrationException(ErrorCode.INVALID_TARGET, target + " is not a downgrade target");
    }
    remove.retainAll(applied);
    List<Revision> order = new ArrayList<>(topological(remove));
    Collections.reverse(order);
    return order;
  }
}
