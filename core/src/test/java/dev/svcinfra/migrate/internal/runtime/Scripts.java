package dev.svcinfra.migrate.internal.runtime;

import dev.svcinfra.migrate.internal.script.RevisionBody.Direction;
import dev.svcinfra.migrate.internal.script.RevisionDraft;
import dev.svcinfra.migrate.internal.script.SqlScript;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/** Writes revision files for tests. */
public final class Scripts {
  private Scripts() {}

  public static Path newLocation() throws Exception {
    Path dir = Files.createTempDirectory("svc-scripts");
    Files.createDirectories(dir.resolve("versions"));
    return dir;
  }

  /** Writes a revision with one upgrade and one downgrade section for every dialect. */
  public static Path write(Path location, String id, String down, String upgrade, String downgrade)
      throws Exception {
    List<String> parents =
        down == null || down.isEmpty() ? List.of() : Arrays.asList(down.split(","));
    RevisionDraft draft =
        new RevisionDraft(
            id,
            parents,
            "rev " + id,
            Instant.parse("2026-01-01T00:00:00Z"),
            List.of(),
            List.of(
                new SqlScript.Section(Direction.UPGRADE, Set.of(), upgrade),
                new SqlScript.Section(Direction.DOWNGRADE, Set.of(), downgrade)));
    Path file = location.resolve("versions").resolve(draft.fileName());
    Files.writeString(file, draft.render());
    return file;
  }
}
