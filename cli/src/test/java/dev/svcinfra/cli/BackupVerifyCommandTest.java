package dev.svcinfra.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.svcinfra.config.Env;
import dev.svcinfra.testing.TestServices;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupVerifyCommandTest {
  private static final String SQL_DUMP =
      """
      --
      -- PostgreSQL database dump
      --
      CREATE TABLE public.items (id integer, name text);
      INSERT INTO public.items VALUES (1, 'a'), (2, 'b'), (3, 'c');
      CREATE TABLE public.empty_one (id integer);
      --
      -- PostgreSQL database dump complete
      --
      """;

  @TempDir Path dir;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(Map<String, String> env, String... args) {
    return SvcInfraCli.run(
        args,
        Env.of(env),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private int run(String... args) {
    return run(Map.of(), args);
  }

  private String stdout() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String stderr() {
    return err.toString(StandardCharsets.UTF_8);
  }

  private JsonNode json() throws Exception {
    return new ObjectMapper().readTree(stdout());
  }

  private Path backup(String name, String content, Duration age) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, content);
    Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(age)));
    return file;
  }

  @Test
  void freshBackupExitsZeroWithJson() throws Exception {
    backup("app.sql", SQL_DUMP, Duration.ofHours(2));
    assertThat(run("backup", "verify", "--path", dir.toString(), "--max-age-hours", "24", "--json"))
        .as(stderr())
        .isEqualTo(0);
    JsonNode report = json();
    assertThat(report.get("healthy").asBoolean()).isTrue();
    assertThat(report.get("newest").get("name").asText()).isEqualTo("app.sql");
    assertThat(report.get("newest").get("format").asText()).isEqualTo("plain_sql");
    assertThat(report.get("max_age_seconds").asLong()).isEqualTo(86_400);
    assertThat(report.get("problems")).isEmpty();
  }

  @Test
  void staleBackupExitsOneAndSaysWhy() throws Exception {
    backup("app.sql", SQL_DUMP, Duration.ofHours(30));
    assertThat(run("backup", "verify", "--path", dir.toString(), "--max-age-hours", "24"))
        .isEqualTo(1);
    assertThat(stdout()).contains("UNHEALTHY").contains("problem: too_old");
  }

  @Test
  void corruptBackupExitsOneInJson() throws Exception {
    Path file = backup("app.sql", SQL_DUMP, Duration.ofHours(1));
    Files.writeString(dir.resolve("app.sql.sha256"), "0".repeat(64) + "  app.sql\n");
    assertThat(run("backup", "verify", "--path", dir.toString(), "--max-age-hours", "24", "--json"))
        .isEqualTo(1);
    assertThat(json().get("problems").get(0).get("code").asText()).isEqualTo("checksum_mismatch");
    assertThat(json().get("newest").get("path").asText()).isEqualTo(file.toString());
  }

  @Test
  void missingBackupsExitOne() throws Exception {
    assertThat(
            run(
                "backup",
                "verify",
                "--path",
                dir.resolve("absent").toString(),
                "--max-age-hours",
                "1",
                "--json"))
        .isEqualTo(1);
    assertThat(json().get("problems").get(0).get("code").asText()).isEqualTo("no_backup");
  }

  @Test
  void usageErrorsExitTwoBeforeAnyWork() {
    assertThat(run("backup", "verify", "--max-age-hours", "24")).isEqualTo(2);
    assertThat(stderr()).contains("--path");
    assertThat(run("backup", "verify", "--path", dir.toString(), "--max-age-hours", "0"))
        .isEqualTo(2);
    assertThat(run("backup", "verify", "--path", dir.toString(), "--max-age-hours", "x"))
        .isEqualTo(2);
    assertThat(
            run(
                "backup",
                "verify",
                "--path",
                dir.toString(),
                "--max-age-hours",
                "1",
                "--pattern",
                "[bad"))
        .isEqualTo(2);
    assertThat(
            run(
                "backup",
                "verify",
                "--path",
                dir.toString(),
                "--max-age-hours",
                "1",
                "--compare-live"))
        .isEqualTo(2);
    assertThat(stderr()).contains("only apply with --restore");
    assertThat(run("backup")).isEqualTo(2);
    assertThat(stdout()).isEmpty();
  }

  @Test
  void restoreWithoutADatabaseUrlIsAConfigurationError() throws Exception {
    backup("app.sql", SQL_DUMP, Duration.ofHours(1));
    assertThat(
            run(
                "backup",
                "verify",
                "--path",
                dir.toString(),
                "--max-age-hours",
                "24",
                "--restore",
                "--json"))
        .isEqualTo(2);
    assertThat(json().get("error").get("code").asText()).isEqualTo("database_url_missing");
  }

  @Test
  void restoreIntoSqliteReportsRowCounts() throws Exception {
    backup(
        "app.sql",
        """
        PRAGMA foreign_keys=OFF;
        BEGIN TRANSACTION;
        CREATE TABLE items (id INTEGER, name TEXT);
        INSERT INTO items VALUES(1,'a');
        INSERT INTO items VALUES(2,'b');
        COMMIT;
        """,
        Duration.ofHours(1));
    Path live = dir.resolve("live").resolve("app.db");
    assertThat(
            run(
                Map.of("SQL_URL", "sqlite:///" + live),
                "backup",
                "verify",
                "--path",
                dir.toString(),
                "--pattern",
                "*.sql",
                "--max-age-hours",
                "24",
                "--restore",
                "--json"))
        .as(stderr())
        .isEqualTo(0);
    JsonNode restore = json().get("restore");
    assertThat(restore.get("dialect").asText()).isEqualTo("sqlite");
    assertThat(restore.get("table_count").asInt()).isEqualTo(1);
    assertThat(restore.get("row_counts").get("items").asLong()).isEqualTo(2);
    assertThat(restore.get("dropped").asBoolean()).isTrue();
    assertThat(live).doesNotExist();
  }

  @Test
  void restoreIntoPostgresLeavesTheLiveDatabaseAlone() throws Exception {
    TestServices.requirePostgresClientPrograms();
    backup("app.sql", SQL_DUMP, Duration.ofHours(1));
    String url = TestServices.newPostgresDatabase();
    String withPassword = url.replace("postgres@", "postgres:pw-s3cret@");
    assertThat(
            run(
                "backup",
                "verify",
                "--path",
                dir.toString(),
                "--max-age-hours",
                "24",
                "--restore",
                "--compare-live",
                "--database-url",
                withPassword))
        .as(stderr())
        .isEqualTo(0);
    String text = stdout();
    assertThat(text)
        .contains("restore: ok with psql")
        .contains("2 table(s)")
        .contains("public.items")
        .contains("3 rows")
        .contains("dropped")
        .contains("only in the backup: public.empty_one, public.items");
    assertThat(text + stderr()).doesNotContain("pw-s3cret");
    String jdbc = "jdbc:postgresql://" + url.substring(url.indexOf('@') + 1) + "&user=postgres";
    try (Connection c = DriverManager.getConnection(jdbc);
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")) {
      rs.next();
      assertThat(rs.getInt(1)).isZero();
    }
  }

  @Test
  void missingPostgresToolsAreAConfigurationError() throws Exception {
    backup("app.sql", SQL_DUMP, Duration.ofHours(1));
    Path noTools = Files.createDirectory(dir.resolve("bin"));
    assertThat(
            run(
                "backup",
                "verify",
                "--path",
                dir.toString(),
                "--pattern",
                "*.sql",
                "--max-age-hours",
                "24",
                "--restore",
                "--pg-bin",
                noTools.toString(),
                "--database-url",
                TestServices.postgresUrl()))
        .isEqualTo(2);
    assertThat(stderr()).contains("'psql'").contains("postgresql-client");
  }

  @Test
  void aBrokenBackupIsNotRestored() throws Exception {
    Files.write(dir.resolve("app.sql.gz"), new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0});
    assertThat(
            run(
                Map.of("SQL_URL", "sqlite:///" + dir.resolve("live.db")),
                "backup",
                "verify",
                "--path",
                dir.toString(),
                "--max-age-hours",
                "24",
                "--restore"))
        .isEqualTo(1);
    assertThat(stdout()).contains("problem: corrupt").contains("restore: skipped");
  }
}
