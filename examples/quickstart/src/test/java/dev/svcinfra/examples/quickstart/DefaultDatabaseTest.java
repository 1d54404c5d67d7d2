package dev.svcinfra.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.svcinfra.config.DatabaseSettings;
import dev.svcinfra.config.Env;
import dev.svcinfra.sql.Database;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Without a configured database the quickstart keeps SQLite in ./data; with one, it uses it. */
class DefaultDatabaseTest {
  @TempDir Path workDir;

  @Test
  void noUrlMeansSqliteUnderData() {
    DatabaseSettings settings = QuickstartApp.databaseSettings(Env.of(Map.of()), workDir);
    assertThat(Files.isDirectory(workDir.resolve("data"))).isTrue();
    try (Database db = Database.open(settings)) {
      assertThat(db.dialect().name()).isEqualTo("sqlite");
      QuickstartApp.migrations(db).upgrade();
      assertThat(Files.exists(workDir.resolve("data/quickstart.db"))).isTrue();
      long tables =
          db.inTransaction(
              tx ->
                  tx.query(
                          "SELECT COUNT(*) FROM sqlite_master WHERE "
                              + "type = 'table' AND name IN ('users', 'notes', 'accounts')",
                          rs -> rs.getLong(1))
                      .get(0));
      assertThat(tables).isEqualTo(3);
      // Applying again is a no-op: a restart never re-runs a revision.
      assertThat(QuickstartApp.migrations(db).upgrade()).isEmpty();
    }
  }

  @Test
  void aConfiguredUrlWins() {
    String url = "sqlite:///" + workDir.resolve("mine.db").toAbsolutePath();
    DatabaseSettings settings =
        QuickstartApp.databaseSettings(Env.of(Map.of("SQL_URL", url)), workDir);
    assertThat(settings.primary().source()).isEqualTo("SQL_URL");
    assertThat(Files.exists(workDir.resolve("data"))).isFalse();
  }
}
