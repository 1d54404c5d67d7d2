package dev.svcinfra.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.svcinfra.config.DatabaseSettings;
import dev.svcinfra.config.DatabaseUrl;
import dev.svcinfra.config.Env;
import dev.svcinfra.config.PoolSettings;
import dev.svcinfra.config.internal.DatabaseUrlResolver;
import dev.svcinfra.config.internal.ResolvedUrl;
import dev.svcinfra.sql.Database;
import dev.svcinfra.sql.dialect.Dialects;
import dev.svcinfra.sql.dialect.internal.ConnectionOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Runs the resolver, the dialects, the pool and the CLI with a distinctive password, collects every
 * string they produce (results, messages, logs written to stderr) and greps it.
 */
class SecretsNeverShownTest {
  private static final String SECRET = "Zq9-distinctive-Pw";
  private static final List<String> URLS =
      List.of(
          "postgres://app:" + SECRET + "@127.0.0.1:1/shop?sslmode=disable",
          "postgresql+asyncpg://app:" + SECRET + "@127.0.0.1:1/shop",
          "mysql://root:" + SECRET + "@127.0.0.1:1/shop",
          "mariadb://root:" + SECRET + "@127.0.0.1:1/shop",
          "mssql+pyodbc://sa:" + SECRET + "@sql.example:1433/orders",
          "snowflake://u:" + SECRET + "@acct/db/schema?warehouse=w",
          "jdbc:postgresql://127.0.0.1:1/shop?user=app&password=" + SECRET,
          "jdbc:sqlserver://h:1433;databaseName=x;user=sa;password=" + SECRET);

  @Test
  void passwordAppearsNowhere() {
    List<String> seen = new ArrayList<>();
    PrintStream originalErr = System.err;
    ByteArrayOutputStream logs = new ByteArrayOutputStream();
    System.setErr(new PrintStream(logs, true, StandardCharsets.UTF_8));
    try {
      for (String url : URLS) {
        DatabaseUrl parsed = DatabaseUrl.parse(url);
        seen.add(parsed.toString());
        seen.add(Dialects.forUrl(parsed).displayUrl(parsed, true));
        var target = Dialects.forUrl(parsed).connectionTarget(parsed, ConnectionOptions.defaults());
        assertThat(target.properties()).containsValue(SECRET);
        seen.add(target.jdbcUrl());
        seen.add(target.toString());
        ResolvedUrl resolved = DatabaseUrlResolver.resolve(Env.of(Map.of("SQL_URL", url)));
        seen.add(resolved.toString());
        seen.add(
            DatabaseSettings.from(
                    Env.of(
                        Map.of(
                            "SQL_URL",
                            url,
                            "REPLICA_DB_URL",
                            url,
                            "DIRECT_URL",
                            url,
                            "DB_POOLER",
                            "transaction")))
                .toString());
        CliRun run = CliRun.of(Map.of("SQL_URL", url), "sql", "url");
        CliRun json =
            CliRun.of(
                Map.of("SQL_URL", url, "REPLICA_DB_URL", url, "SQL_DIRECT_URL", url),
                "sql",
                "url",
                "--json");
        assertThat(json.status()).as(json.all()).isZero();
        assertThat(json.out()).contains("\"direct\"");
        assertThat(run.status()).isZero();
        seen.add(run.all());
        seen.add(json.all());
      }
      // failing connections: the driver's error, wrapped by us
      for (String url : URLS.subList(0, 4)) {
        DatabaseSettings settings =
            DatabaseSettings.of(url)
                .withPool(PoolSettings.defaults().withTimeout(Duration.ofMillis(800)));
        try (Database db = Database.open(settings)) {
          seen.add(db.toString());
          Throwable failure = catchThrowable(db::connection);
          assertThat(failure).isNotNull();
          for (Throwable t = failure; t != null; t = t.getCause()) {
            seen.add(String.valueOf(t.getMessage()));
            seen.add(t.toString());
          }
        }
      }
      // malformed URLs and values
      seen.add(
          CliRun.of(Map.of("SQL_URL", "postgres://app:" + SECRET + "@db:12x/shop"), "sql", "url")
              .all());
      seen.add(
          CliRun.of(
                  Map.of(
                      "SQL_URL", "postgres://app:" + SECRET + "@db/shop", "DB_POOL_SIZE", "many"),
                  "sql",
                  "url")
              .all());
      seen.add(
          CliRun.of(
                  Map.of("DB_HOST", "db", "DB_PASSWORD", SECRET, "DB_PARAMS", "x"),
                  "sql",
                  "url",
                  "--json")
              .all());
      seen.add(
          CliRun.of(
                  Map.of(), "sql", "url", "--database-url", "mysql://root:" + SECRET + "@db:port/x")
              .all());
    } finally {
      System.setErr(originalErr);
    }
    seen.add(logs.toString(StandardCharsets.UTF_8));
    assertThat(seen).isNotEmpty();
    for (String text : seen) {
      assertThat(text).doesNotContain(SECRET);
    }
    assertThat(String.join("\n", seen)).contains("***");
  }
}
