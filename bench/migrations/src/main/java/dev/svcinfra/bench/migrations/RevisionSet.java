package dev.svcinfra.bench.migrations;

import dev.svcinfra.migrate.internal.script.RevisionBody.Direction;
import dev.svcinfra.migrate.internal.script.RevisionDraft;
import dev.svcinfra.migrate.internal.script.SqlScript;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * {@code n} small revisions, written twice with the same SQL: as svc-infra revision files (a linear
 * chain) and as Flyway versioned scripts. Every fourth revision creates a table with an index; the
 * next three add a nullable column, add a column with a default, and insert a row, so the chain
 * passes the migration linter as it is.
 *
 * <pre>{@code
 * RevisionSet set = RevisionSet.write(Path.of("work"), 500);
 * set.svcInfraLocation();  set.flywayLocation();
 * }</pre>
 *
 * @since 0.1
 */
public record RevisionSet(Path svcInfraLocation, Path flywayLocation, int size) {

  public static RevisionSet write(Path dir, int n) {
    try {
      Path ours =
          Files.createDirectories(dir.resolve("svc-infra-" + n).resolve("versions")).getParent();
      Path flyway = Files.createDirectories(dir.resolve("flyway-" + n));
      String previous = "";
      for (int r = 1; r <= n; r++) {
        String[] sql = statements(r);
        String id = String.format("%012d", r);
        RevisionDraft draft =
            new RevisionDraft(
                id,
                previous.isEmpty() ? List.of() : List.of(previous),
                "step " + r,
                Instant.parse("2026-01-01T00:00:00Z"),
                List.of(),
                List.of(
                    new SqlScript.Section(Direction.UPGRADE, Set.of(), sql[0]),
                    new SqlScript.Section(Direction.DOWNGRADE, Set.of(), sql[1])));
        Files.writeString(ours.resolve("versions").resolve(draft.fileName()), draft.render());
        Files.writeString(flyway.resolve("V" + r + "__step_" + r + ".sql"), sql[0]);
        previous = id;
      }
      return new RevisionSet(ours, flyway, n);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Upgrade and downgrade SQL of revision {@code r} (1-based). */
  static String[] statements(int r) {
    int t = (r + 3) / 4;
    return switch (r % 4) {
      case 1 ->
          new String[] {
            "CREATE TABLE t"
                + t
                + " (id BIGINT PRIMARY KEY, name VARCHAR(100) NOT NULL);\n"
                + "CREATE INDEX ix_t"
                + t
                + "_name ON t"
                + t
                + " (name);\n",
            "DROP TABLE t" + t + ";\n"
          };
      case 2 ->
          new String[] {
            "ALTER TABLE t" + t + " ADD COLUMN note TEXT;\n",
            "ALTER TABLE t" + t + " DROP COLUMN note;\n"
          };
      case 3 ->
          new String[] {
            "ALTER TABLE t" + t + " ADD COLUMN score INTEGER NOT NULL DEFAULT 0;\n",
            "ALTER TABLE t" + t + " DROP COLUMN score;\n"
          };
      default ->
          new String[] {
            "INSERT INTO t" + t + " (id, name) VALUES (1, 'seed');\n",
            "DELETE FROM t" + t + " WHERE id = 1;\n"
          };
    };
  }
}
