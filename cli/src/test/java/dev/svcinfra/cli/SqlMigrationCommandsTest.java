package dev.svcinfra.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.svcinfra.testing.TestServices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The migration verbs end to end through the command line. */
class SqlMigrationCommandsTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path project;

  CliRun run(Map<String, String> env, String... args) {
    String[] all =
        Stream.concat(
                Stream.of(args),
                Stream.of("--script-location", project.resolve("migrations").toString()))
            .toArray(String[]::new);
    return CliRun.of(env, all);
  }

  static Path versionFile(Path dir, String id) throws Exception {
    try (Stream<Path> files = Files.list(dir.resolve("migrations/versions"))) {
      return files.filter(f -> f.getFileName().toString().startsWith(id)).findFirst().orElseThrow();
    }
  }

  static void fill(Path file, String upgrade, String downgrade) throws Exception {
    String text = Files.readString(file);
    text =
        text.replace("-- +upgrade\n", "-- +upgrade\n" + upgrade + "\n")
            .replace("-- +downgrade\n", "-- +downgrade\n" + downgrade + "\n");
    Files.writeString(file, text);
  }

  void lifecycle(String url) throws Exception {
    Map<String, String> env = Map.of("SQL_URL", url);
    CliRun init = run(env, "sql", "init");
    assertThat(init.status()).as(init.err()).isZero();
    assertThat(project.resolve("migrations/versions")).isDirectory();
    assertThat(project.resolve("migrations/migrations.properties")).exists();
    CliRun again = run(env, "sql", "init");
    assertThat(again.status()).isEqualTo(1);
    assertThat(again.err()).contains("already exists").contains("--overwrite");
    assertThat(run(env, "sql", "init", "--overwrite").status()).isZero();

    CliRun first = run(env, "sql", "revision", "-m", "create users", "--rev-id", "000000000001");
    assertThat(first.status()).as(first.err()).isZero();
    fill(
        versionFile(project, "000000000001"),
        "CREATE TABLE users (id INTEGER PRIMARY KEY);",
        "DROP TABLE users;");
    assertThat(
            run(env, "sql", "revision", "-m", "create notes", "--rev-id", "000000000002").status())
        .isZero();
    fill(
        versionFile(project, "000000000002"),
        "CREATE TABLE notes (id INTEGER PRIMARY KEY);",
        "DROP TABLE notes;");

    JsonNode heads = JSON.readTree(run(env, "sql", "heads", "--json").out());
    assertThat(heads).hasSize(1);
    assertThat(heads.get(0).get("revision").asText()).isEqualTo("000000000002");
    assertThat(heads.get(0).get("down_revisions").get(0).asText()).isEqualTo("000000000001");

    CliRun sql = run(env, "sql", "upgrade", "head", "--sql");
    assertThat(sql.status()).as(sql.err()).isZero();
    assertThat(sql.out()).contains("CREATE TABLE users").contains("svc_infra_version");
    assertThat(JSON.readTree(run(env, "sql", "current", "--json").out()).get("current")).isEmpty();

    CliRun up = run(env, "sql", "upgrade");
    assertThat(up.status()).as(up.err()).isZero();
    assertThat(up.out()).contains("upgrade 000000000001").contains("upgrade 000000000002");
    JsonNode current = JSON.readTree(run(env, "sql", "current", "--json").out());
    assertThat(current.get("current").get(0).asText()).isEqualTo("000000000002");
    assertThat(current.get("at_head").asBoolean()).isTrue();

    CliRun down = run(env, "sql", "downgrade", "-1");
    assertThat(down.status()).as(down.err()).isZero();
    assertThat(down.out()).contains("downgrade 000000000002");
    assertThat(run(env, "sql", "upgrade").status()).isZero();
    assertThat(run(env, "sql", "stamp", "base").out()).contains("stamped <base>");
    assertThat(run(env, "sql", "stamp", "head").out()).contains("stamped 000000000002");
    assertThat(run(env, "sql", "downgrade", "base").status()).isZero();
    assertThat(JSON.readTree(run(env, "sql", "current", "--json").out()).get("current")).isEmpty();
  }

  @Test
  void lifecycleOnSqlite() throws Exception {
    lifecycle("sqlite:///" + project.resolve("app.db"));
  }

  @Test
  void lifecycleOnPostgres() throws Exception {
    lifecycle(TestServices.newPostgresDatabase());
  }

  @Test
  void multipleHeadsFailUntilMerged() throws Exception {
    Map<String, String> env = Map.of("SQL_URL", "sqlite:///" + project.resolve("app.db"));
    run(env, "sql", "init");
    run(env, "sql", "revision", "-m", "root", "--rev-id", "aaaaaaaaaaaa");
    run(env, "sql", "revision", "-m", "left", "--rev-id", "bbbbbbbbbbbb");
    run(
        env,
        "sql",
        "revision",
        "-m",
        "right",
        "--rev-id",
        "cccccccccccc",
        "--head",
        "aaaaaaaaaaaa");
    CliRun up = run(env, "sql", "upgrade", "head");
    assertThat(up.status()).isEqualTo(1);
    assertThat(up.err())
        .contains("Multiple heads")
        .contains("bbbbbbbbbbbb, cccccccccccc")
        .contains("svc-infra sql merge heads -m");
    CliRun revision = run(env, "sql", "revision", "-m", "next");
    assertThat(revision.status()).isEqualTo(1);
    assertThat(revision.err()).contains("Multiple heads");
    JsonNode branches = JSON.readTree(run(env, "sql", "branches", "--json").out());
    assertThat(branches.get(0).get("revision").asText()).isEqualTo("aaaaaaaaaaaa");

    CliRun merge = run(env, "sql", "merge", "heads", "-m", "merge heads");
    assertThat(merge.status()).as(merge.err()).isZero();
    JsonNode heads = JSON.readTree(run(env, "sql", "heads", "--json").out());
    assertThat(heads).hasSize(1);
    assertThat(heads.get(0).get("down_revisions").toString())
        .isEqualTo("[\"bbbbbbbbbbbb\",\"cccccccccccc\"]");
    assertThat(run(env, "sql", "upgrade", "head").status()).isZero();

    CliRun mermaid = run(env, "sql", "history", "--mermaid");
    assertThat(mermaid.out())
        .startsWith("flowchart BT")
        .contains("r_bbbbbbbbbbbb --> r_aaaaaaaaaaaa")
        .contains("r_cccccccccccc --> r_aaaaaaaaaaaa");
    JsonNode history = JSON.readTree(run(env, "sql", "history", "--json").out());
    assertThat(history).hasSize(4);
    assertThat(history.get(3).get("revision").asText()).isEqualTo("aaaaaaaaaaaa");
  }

  /**
   * {@code sql history --applied --json} has one object per revision with every key, and {@code sql
   * repair --reason} records an edited file's checksum anew (issue 22).
   */
  @Test
  void appliedHistoryAndRepair() throws Exception {
    Map<String, String> env = Map.of("SQL_URL", "sqlite:///" + project.resolve("app.db"));
    run(env, "sql", "init");
    run(env, "sql", "revision", "-m", "create users", "--rev-id", "000000000001");
    Path file = versionFile(project, "000000000001");
    fill(file, "CREATE TABLE users (id INTEGER PRIMARY KEY);", "DROP TABLE users;");
    CliRun empty = run(env, "sql", "history", "--applied");
    assertThat(empty.status()).as(empty.err()).isZero();
    assertThat(empty.out()).contains("records nothing yet");
    assertThat(run(env, "sql", "upgrade").status()).isZero();

    JsonNode applied = JSON.readTree(run(env, "sql", "history", "--applied", "--json").out());
    assertThat(applied).hasSize(1);
    JsonNode users = applied.get(0);
    assertThat(users.properties())
        .extracting(Map.Entry::getKey)
        .containsExactly(
            "revision",
            "message",
            "status",
            "applied_at",
            "applied_by",
            "duration_ms",
            "checksum",
            "last_step",
            "note");
    assertThat(users.get("revision").asText()).isEqualTo("000000000001");
    assertThat(users.get("message").asText()).isEqualTo("create users");
    assertThat(users.get("status").asText()).isEqualTo("applied");
    assertThat(users.get("checksum").asText()).isEqualTo("ok");
    assertThat(users.get("applied_at").isTextual()).isTrue();
    assertThat(users.get("applied_by").asText()).contains("@");
    assertThat(users.get("duration_ms").isIntegralNumber()).isTrue();
    assertThat(users.get("last_step").asText()).isEqualTo("upgrade");
    assertThat(users.get("note").isNull()).isTrue();

    Files.writeString(file, Files.readString(file) + "-- a comment added on purpose\n");
    assertThat(run(env, "sql", "history", "--applied").out()).contains("checksum changed");
    CliRun refused = run(env, "sql", "upgrade");
    assertThat(refused.status()).isEqualTo(1);
    assertThat(refused.err()).contains("changed after");
    CliRun noReason = run(env, "sql", "repair");
    assertThat(noReason.status()).isEqualTo(2);
    assertThat(noReason.err()).contains("--reason");
    CliRun repair = run(env, "sql", "repair", "--reason", "comment only");
    assertThat(repair.status()).as(repair.err()).isZero();
    assertThat(repair.out()).contains("repaired 000000000001: checksum recorded anew");
    assertThat(run(env, "sql", "repair", "--reason", "again").out()).contains("nothing to repair");
    assertThat(run(env, "sql", "upgrade").status()).isZero();
    JsonNode after = JSON.readTree(run(env, "sql", "history", "--applied", "--json").out()).get(0);
    assertThat(after.get("checksum").asText()).isEqualTo("ok");
    assertThat(after.get("last_step").asText()).isEqualTo("repair");
    assertThat(after.get("note").asText()).isEqualTo("comment only");
    assertThat(run(env, "sql", "history", "--applied", "--mermaid").status()).isEqualTo(2);
  }

  /** {@code sql baseline} adopts a database made by hand: a file written, the database stamped. */
  @Test
  void baselineAdoptsAnExistingDatabase() throws Exception {
    Path db = project.resolve("legacy.db");
    try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + db);
        java.sql.Statement st = c.createStatement()) {
      st.execute("CREATE TABLE orders (id INTEGER PRIMARY KEY, total DECIMAL(12,2))");
      st.execute("CREATE TABLE legacy_audit (id INTEGER PRIMARY KEY)");
    }
    Map<String, String> env =
        Map.of("SQL_URL", "sqlite:///" + db, "ALEMBIC_EXCLUDE_TABLES", "legacy_*");
    run(env, "sql", "init");
    CliRun baseline = run(env, "sql", "baseline", "-m", "adopt", "--rev-id", "0000000000b1");
    assertThat(baseline.status()).as(baseline.err()).isZero();
    assertThat(baseline.out()).contains("wrote ").contains("stamped 0000000000b1");
    String text = Files.readString(versionFile(project, "0000000000b1"));
    assertThat(text).contains("orders").doesNotContain("legacy_audit");
    JsonNode current = JSON.readTree(run(env, "sql", "current", "--json").out());
    assertThat(current.get("current").get(0).asText()).isEqualTo("0000000000b1");
    CliRun again = run(env, "sql", "baseline");
    assertThat(again.status()).isEqualTo(2);
    assertThat(again.err()).contains("already holds 1 revision");
  }

  @Test
  void offlineSqlWithADialectNeedsNoDatabase() throws Exception {
    Map<String, String> env = Map.of();
    run(env, "sql", "init");
    run(env, "sql", "revision", "-m", "create users", "--rev-id", "000000000001");
    fill(
        versionFile(project, "000000000001"),
        "CREATE TABLE users (id INT PRIMARY KEY);",
        "DROP TABLE users;");
    CliRun sql = run(env, "sql", "upgrade", "--sql", "--dialect", "mssql");
    assertThat(sql.status()).as(sql.err()).isZero();
    assertThat(sql.out())
        .contains("CREATE TABLE [svc_infra_version]")
        .contains("BEGIN TRANSACTION;")
        .contains("INSERT INTO [svc_infra_version] (version_num) VALUES (N'000000000001');");
    CliRun down = run(env, "sql", "downgrade", "000000000001:base", "--sql", "--dialect", "mysql");
    assertThat(down.status()).as(down.err()).isZero();
    assertThat(down.out())
        .contains("DROP TABLE users;")
        .contains("DELETE FROM `svc_infra_version` WHERE version_num = '000000000001';")
        .doesNotContain("BEGIN");
    CliRun noStart = run(env, "sql", "downgrade", "base", "--sql", "--dialect", "mysql");
    assertThat(noStart.status()).isEqualTo(1);
    assertThat(noStart.err()).contains("FROM:TO");
    CliRun dialectWithoutSql = run(env, "sql", "upgrade", "--dialect", "mysql");
    assertThat(dialectWithoutSql.status()).isEqualTo(2);
    CliRun noUrl = run(env, "sql", "upgrade");
    assertThat(noUrl.status()).isEqualTo(2);
  }

  @Test
  void configFileChosenByAlembicConfigPicksScriptLocationAndDatabaseVariable() throws Exception {
    Path config = project.resolve("analytics.properties");
    Files.writeString(
        config,
        """
        script_location=analytics_migrations
        version_table=analytics_version
        database_url_env=ANALYTICS_URL
        """);
    Files.createDirectories(project.resolve("analytics_migrations/versions"));
    Map<String, String> env =
        Map.of(
            "ALEMBIC_CONFIG",
            config.toString(),
            "ANALYTICS_URL",
            "sqlite:///" + project.resolve("analytics.db"));
    CliRun rev = CliRun.of(env, "sql", "revision", "-m", "first", "--rev-id", "000000000001");
    assertThat(rev.status()).as(rev.err()).isZero();
    assertThat(project.resolve("analytics_migrations/versions/000000000001_first.sql")).exists();
    CliRun up = CliRun.of(env, "sql", "upgrade");
    assertThat(up.status()).as(up.err()).isZero();
    assertThat(CliRun.of(env, "sql", "current").out()).contains("000000000001 (head)");
    CliRun missing = CliRun.of(Map.of("ALEMBIC_CONFIG", config.toString()), "sql", "current");
    assertThat(missing.status()).isEqualTo(2);
    assertThat(missing.err()).contains("ANALYTICS_URL");
  }
}
