package dev.svcinfra.migrate.internal.script;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.svcinfra.ErrorCode;
import dev.svcinfra.migrate.MigrationException;
import dev.svcinfra.migrate.MultipleHeadsException;
import dev.svcinfra.migrate.Revision;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RevisionGraphTest {

  static Revision rev(String id, String... down) {
    return new Revision(
        id,
        Arrays.asList(down),
        List.of(),
        "m " + id,
        id + ".sql",
        Optional.empty(),
        new SqlScript(List.of(), true, id + ".sql"));
  }

  static Revision dep(String id, List<String> down, List<String> dependsOn) {
    return new Revision(
        id,
        down,
        dependsOn,
        "",
        id + ".sql",
        Optional.empty(),
        new SqlScript(List.of(), true, id + ".sql"));
  }

  static List<String> ids(List<Revision> revisions) {
    return revisions.stream().map(Revision::id).toList();
  }

  /** a <- b <- c, b <- d (branch), c,d <- m (merge). */
  static RevisionGraph diamond() {
    return RevisionGraph.of(
        List.of(rev("a"), rev("b", "a"), rev("c1", "b"), rev("d1", "b"), rev("m", "c1", "d1")));
  }

  @Test
  void longHistoriesAreOrderedParentsFirst() {
    // ids chosen so that their alphabetical order is the reverse of the history's order
    List<Revision> chain = new ArrayList<>();
    int n = 2000;
    for (int i = 0; i < n; i++) {
      String id = String.format("r%05d", n - i);
      chain.add(i == 0 ? rev(id) : rev(id, String.format("r%05d", n - i + 1)));
    }
    // a parent named both as down_revision and depends_on counts once
    chain.add(dep("z", List.of("r00001"), List.of("r00001")));
    Collections.shuffle(chain, new Random(7));
    RevisionGraph g = RevisionGraph.of(chain);
    List<String> order = ids(g.all());
    assertThat(order).hasSize(n + 1);
    for (int i = 0; i < n; i++) {
      assertThat(order.get(i)).isEqualTo(String.format("r%05d", n - i));
    }
    assertThat(order.get(n)).isEqualTo("z");
    assertThat(ids(g.heads())).containsExactly("z");
  }

  @Test
  void linearHistoryHasOneHeadAndOneBase() {
    RevisionGraph g = RevisionGraph.of(List.of(rev("c", "b"), rev("a"), rev("b", "a")));
    assertThat(ids(g.all())).containsExactly("a", "b", "c");
    assertThat(ids(g.heads())).containsExactly("c");
    assertThat(ids(g.bases())).containsExactly("a");
    assertThat(g.branchPoints()).isEmpty();
  }

  @Test
  void branchAndMergePointsAreFound() {
    RevisionGraph g = diamond();
    assertThat(ids(g.branchPoints())).containsExactly("b");
    assertThat(g.get("m").isMerge()).isTrue();
    assertThat(ids(g.heads())).containsExactly("m");
    assertThat(g.childrenOf("b")).containsExactlyInAnyOrder("c1", "d1");
  }

  @Test
  void upgradeFromBaseToHeadAppliesParentsFirst() {
    List<Revision> path = diamond().upgradePath(Set.of(), Target.parseUpgrade("head"));
    assertThat(ids(path)).containsExactly("a", "b", "c1", "d1", "m");
  }

  @Test
  void upgradeFromOneBranchOnlyAppliesTheRest() {
    List<Revision> path = diamond().upgradePath(Set.of("c1"), Target.parseUpgrade("head"));
    assertThat(ids(path)).containsExactly("d1", "m");
  }

  @Test
  void relativeUpgradeTakesThatManySteps() {
    RevisionGraph g = RevisionGraph.of(List.of(rev("a"), rev("b", "a"), rev("c", "b")));
    assertThat(ids(g.upgradePath(Set.of("a"), Target.parseUpgrade("+1")))).containsExactly("b");
    assertThat(ids(g.upgradePath(Set.of(), Target.parseUpgrade("+2")))).containsExactly("a", "b");
    assertThatThrownBy(() -> g.upgradePath(Set.of("b"), Target.parseUpgrade("+2")))
        .hasMessageContaining("only 1 revision");
  }

  @Test
  void upgradeHeadWithTwoHeadsNamesThemAndTheFix() {
    RevisionGraph g = RevisionGraph.of(List.of(rev("a"), rev("b", "a"), rev("c", "a")));
    assertThatThrownBy(() -> g.upgradePath(Set.of(), Target.parseUpgrade("head")))
        .isInstanceOf(MultipleHeadsException.class)
        .hasMessageContaining("Multiple heads")
        .hasMessageContaining("b, c")
        .hasMessageContaining("svc-infra sql merge heads -m")
        .satisfies(e -> assertThat(((MultipleHeadsException) e).heads()).containsExactly("b", "c"));
    assertThat(ids(g.upgradePath(Set.of(), Target.parseUpgrade("heads"))))
        .containsExactly("a", "b", "c");
  }

  @Test
  void upgradeToARevisionByPrefix() {
    RevisionGraph g =
        RevisionGraph.of(List.of(rev("aa11"), rev("bb22", "aa11"), rev("bb33", "bb22")));
    assertThat(ids(g.upgradePath(Set.of(), Target.parseUpgrade("bb2"))))
        .containsExactly("aa11", "bb22");
    assertThatThrownBy(() -> g.get("bb"))
        .hasMessageContaining("ambiguous")
        .hasMessageContaining("bb22, bb33");
    assertThatThrownBy(() -> g.get("zz"))
        .isInstanceOf(MigrationException.class)
        .hasMessageContaining("no revision 'zz'");
  }

  @Test
  void downgradeToBaseUndoesChildrenFirst() {
    List<Revision> path = diamond().downgradePath(Set.of("m"), Target.parseDowngrade("base"));
    assertThat(ids(path)).containsExactly("m", "d1", "c1", "b", "a");
  }

  @Test
  void downgradeRelativeAndToRevision() {
    RevisionGraph g = RevisionGraph.of(List.of(rev("a"), rev("b", "a"), rev("c", "b")));
    assertThat(ids(g.downgradePath(Set.of("c"), Target.parseDowngrade("-1")))).containsExactly("c");
    assertThat(ids(g.downgradePath(Set.of("c"), Target.parseDowngrade("a"))))
        .containsExactly("c", "b");
    assertThatThrownBy(() -> g.downgradePath(Set.of("a"), Target.parseDowngrade("c")))
        .hasMessageContaining("not applied");
    assertThatThrownBy(() -> g.downgradePath(Set.of("a"), Target.parseDowngrade("-2")))
        .hasMessageContaining("only 1 revision");
  }

  @Test
  void downgradeOneBranchLeavesTheOther() {
    RevisionGraph g = RevisionGraph.of(List.of(rev("a"), rev("b", "a"), rev("c", "a")));
    List<Revision> path = g.downgradePath(Set.of("b", "c"), Target.parseDowngrade("a"));
    assertThat(ids(path)).containsExactly("c", "b");
    assertThat(g.headsOf(Set.of("a", "c"))).containsExactly("c");
  }

  @Test
  void headsOfAnAppliedSetFollowMerges() {
    RevisionGraph g = diamond();
    assertThat(g.headsOf(Set.of("a", "b", "c1", "d1"))).containsExactly("c1", "d1");
    assertThat(g.headsOf(g.ancestorsOf(List.of("m")))).containsExactly("m");
  }

  @Test
  void dependsOnPullsTheDependencyIn() {
    RevisionGraph g =
        RevisionGraph.of(List.of(rev("a"), rev("x"), dep("b", List.of("a"), List.of("x"))));
    assertThat(ids(g.upgradePath(Set.of(), Target.parseUpgrade("b"))))
        .containsExactly("a", "x", "b");
    assertThat(g.descendantsOf("x")).containsExactlyInAnyOrder("x", "b");
  }

  @Test
  void duplicateIdsNameBothFiles() {
    assertThatThrownBy(() -> RevisionGraph.of(List.of(rev("a"), rev("a"))))
        .isInstanceOf(MigrationException.class)
        .hasMessageContaining("duplicate revision id a")
        .extracting(e -> ((MigrationException) e).code())
        .isEqualTo(ErrorCode.REVISION_GRAPH_INVALID);
  }

  @Test
  void missingParentNamesTheFile() {
    assertThatThrownBy(() -> RevisionGraph.of(List.of(rev("a"), rev("b", "zz"))))
        .hasMessageContaining("b.sql names zz");
  }

  @Test
  void cyclesNameTheFilesInTheCycle() {
    assertThatThrownBy(
            () ->
                RevisionGraph.of(
                    List.of(rev("a"), rev("b", "a", "d"), rev("c", "b"), rev("d", "c"))))
        .hasMessageContaining("cycle")
        .hasMessageContaining("b.sql")
        .hasMessageContaining("c.sql")
        .hasMessageContaining("d.sql");
  }

  @Test
  void targetsAreParsedStrictly() {
    assertThat(Target.parse("+3")).isEqualTo(new Target.Relative(3));
    assertThat(Target.parse("-2")).isEqualTo(new Target.Relative(-2));
    assertThat(Target.parse("base")).isInstanceOf(Target.Base.class);
    assertThatThrownBy(() -> Target.parseUpgrade("base")).hasMessageContaining("not an upgrade");
    assertThatThrownBy(() -> Target.parseDowngrade("head")).hasMessageContaining("not a downgrade");
    assertThatThrownBy(() -> Target.parseDowngrade("-0")).hasMessageContaining("non-zero");
    assertThatThrownBy(() -> Target.parse("a b")).hasMessageContaining("invalid revision id");
  }
}
