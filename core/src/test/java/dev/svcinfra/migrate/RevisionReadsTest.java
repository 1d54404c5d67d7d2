package dev.svcinfra.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.svcinfra.migrate.internal.runtime.Scripts;
import dev.svcinfra.sql.Database;
import dev.svcinfra.sql.dialect.Dialects;
import dev.svcinfra.sql.model.ColumnType;
import dev.svcinfra.sql.model.internal.Column;
import dev.svcinfra.sql.model.internal.Table;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Every command reads the script directory once (issue 17: {@code revision --autogenerate} read it
 * three times, {@code revision} and {@code merge} twice), counted by wrapping how revisions are
 * read.
 */
class RevisionReadsTest {
  private final AtomicInteger reads = new AtomicInteger();

  private int readsOf(Runnable command) {
    reads.set(0);
    command.run();
    return reads.get();
  }

  private MigrationBuilder counting(MigrationBuilder builder) {
    return builder.revisionSource(
        scripts ->
            () -> {
              reads.incrementAndGet();
              return scripts.revisions();
            });
  }

  private static List<Table> models() {
    return List.of(
        Table.named("a")
            .withColumns(List.of(Column.of("id", ColumnType.of(ColumnType.Kind.INTEGER)).notNull()))
            .withPrimaryKey(List.of("id")));
  }

  @Test
  void eachCommandReadsTheRevisionsOnce() throws Exception {
    Path dir = Scripts.newLocation();
    Scripts.write(
        dir, "000000000001", "", "CREATE TABLE a (id INTEGER PRIMARY KEY);", "DROP TABLE a;");
    Scripts.write(
        dir, "000000000002", "000000000001", "CREATE TABLE b (id INTEGER);", "DROP TABLE b;");
    PrintStream out = new PrintStream(OutputStream.nullOutputStream());
    try (Database db = Database.open("sqlite:///" + dir.resolve("reads.db").toAbsolutePath())) {
      Migrations m =
          counting(Migrations.builder().database(db).scriptLocation(dir).models(models())).build();
      assertThat(readsOf(m::upgrade)).as("upgrade").isEqualTo(1);
      assertThat(readsOf(m::current)).as("current").isEqualTo(1);
      assertThat(readsOf(m::check)).as("check").isEqualTo(1);
      assertThat(readsOf(() -> m.downgrade(1))).as("downgrade").isEqualTo(1);
      assertThat(readsOf(() -> m.stamp("head"))).as("stamp").isEqualTo(1);
      assertThat(readsOf(() -> m.upgradeSql("base:head", out))).as("upgrade --sql").isEqualTo(1);
      assertThat(readsOf(() -> m.downgradeSql("000000000002:base", out)))
          .as("downgrade --sql")
          .isEqualTo(1);
      assertThat(readsOf(m::heads)).as("heads").isEqualTo(1);
      assertThat(readsOf(m::branches)).as("branches").isEqualTo(1);
      assertThat(readsOf(m::history)).as("history").isEqualTo(1);
      assertThat(readsOf(m::historyMermaid)).as("history --mermaid").isEqualTo(1);
      assertThat(readsOf(m::lint)).as("lint").isEqualTo(1);
      assertThat(readsOf(() -> m.revision("plain", RevisionRequest.empty().withPrintOnly(true))))
          .as("revision --sql")
          .isEqualTo(1);
      assertThat(
              readsOf(
                  () ->
                      m.revision(
                          "auto",
                          RevisionRequest.empty()
                              .withAutogenerate(true)
                              .withRevId("000000000003"))))
          .as("revision --autogenerate")
          .isEqualTo(1);
      assertThat(
              readsOf(
                  () ->
                      m.revision(
                          "plain",
                          RevisionRequest.empty()
                              .withHead("000000000002")
                              .withRevId("000000000004"))))
          .as("revision")
          .isEqualTo(1);
      assertThat(readsOf(() -> m.merge("join", List.of("heads")))).as("merge").isEqualTo(1);
      assertThat(m.heads()).hasSize(1);
    }
  }

  @Test
  void aRevisionIsCheckedAgainstTheGraphItWasDraftedFrom() throws Exception {
    Path dir = Scripts.newLocation();
    Scripts.write(dir, "000000000001", "", "CREATE TABLE a (id INTEGER);", "DROP TABLE a;");
    Migrations m =
        counting(Migrations.builder().dialect(Dialects.SQLITE).scriptLocation(dir)).build();
    m.revision("second", RevisionRequest.empty().withRevId("000000000002"));
    assertThat(m.graph().get("000000000002").downRevisions()).containsExactly("000000000001");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                m.revision(
                    "again",
                    RevisionRequest.empty().withRevId("000000000002").withHead("000000000001")))
        .isInstanceOf(MigrationException.class)
        .hasMessageContaining("already exists");
    assertThat(m.graph().all()).hasSize(2);
  }
}
