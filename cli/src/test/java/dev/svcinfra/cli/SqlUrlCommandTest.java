package dev.svcinfra.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SqlUrlCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<String, String> NO_SECRETS =
      Map.of("SVC_INFRA_SECRETS_DIR", "/nonexistent");

  @Test
  void jsonHasExactlyTheDocumentedFields() throws Exception {
    CliRun run =
        CliRun.of(
            Map.of(
                "DATABASE_URL",
                "postgres://app:Pa55word@db.internal:6543/shop",
                "DB_SSLMODE_DEFAULT",
                "verify-full"),
            "sql",
            "url",
            "--json");
    assertThat(run.status()).isZero();
    JsonNode doc = JSON.readTree(run.out());
    assertThat(doc.fieldNames())
        .toIterable()
        .containsExactly("url", "jdbc_url", "dialect", "source");
    assertThat(doc.get("url").asText()).isEqualTo("postgresql://app:***@db.internal:6543/shop");
    assertThat(doc.get("jdbc_url").asText())
        .isEqualTo(
            "jdbc:postgresql://db.internal:6543/shop?user=app&sslmode=verify-full&connectTimeout=10&loginTimeout=10&socketTimeout=30&tcpKeepAlive=true");
    assertThat(doc.get("dialect").asText()).isEqualTo("postgresql");
    assertThat(doc.get("source").asText()).isEqualTo("DATABASE_URL");
    assertThat(run.all()).doesNotContain("Pa55word");
  }

  /** A host list from DB_HOST and libpq's target_session_attrs, as pgjdbc reads them (issue 18). */
  @Test
  void multiHostPartsShowEveryHostAndTheTranslatedTarget() throws Exception {
    CliRun run =
        CliRun.of(
            Map.of(
                "DB_HOST", "pg1,pg2",
                "DB_PORT", "5432,5433",
                "DB_NAME", "shop",
                "DB_USER", "app",
                "DB_PASSWORD", "Pa55word",
                "DB_PARAMS", "sslmode=disable&target_session_attrs=read-write",
                "DB_SOCKET_TIMEOUT", "7",
                "SVC_INFRA_SECRETS_DIR", "/nonexistent"),
            "sql",
            "url",
            "--json");
    assertThat(run.status()).isZero();
    JsonNode doc = JSON.readTree(run.out());
    assertThat(doc.get("url").asText())
        .isEqualTo(
            "postgresql://app:***@pg1:5432,pg2:5433/shop?sslmode=disable&target_session_attrs=read-write");
    assertThat(doc.get("jdbc_url").asText())
        .isEqualTo(
            "jdbc:postgresql://pg1:5432,pg2:5433/shop?user=app&sslmode=disable&connectTimeout=10"
                + "&loginTimeout=10&targetServerType=primary&hostRecheckSeconds=0&socketTimeout=7"
                + "&tcpKeepAlive=true");
    assertThat(run.all()).doesNotContain("Pa55word");
  }

  @Test
  void parametersTheJdbcUrlCannotCarryAreShownAsDriverProperties() throws Exception {
    CliRun run =
        CliRun.of(
            Map.of(
                "SQL_URL",
                "mariadb://app:Pa55word@db/shop"
                    + "?sessionVariables=wait_timeout%3D100&trustStorePassword=St0re%25Secret"
                    + "&keyStorePassword=Plain5ecret"),
            "sql",
            "url",
            "--json");
    assertThat(run.status()).isZero();
    JsonNode doc = JSON.readTree(run.out());
    JsonNode props = doc.get("driver_properties");
    assertThat(props.get("sessionVariables").asText()).isEqualTo("wait_timeout=100");
    // One secret travels as a property (its % cannot stay in the URL), the other in the URL.
    assertThat(props.get("trustStorePassword").asText()).isEqualTo("***");
    assertThat(doc.get("jdbc_url").asText()).contains("keyStorePassword=***");
    assertThat(props.has("password")).isFalse();
    assertThat(run.all())
        .doesNotContain("Pa55word")
        .doesNotContain("St0re")
        .doesNotContain("Plain5ecret");
  }

  @Test
  void textOutput() {
    CliRun run = CliRun.of(Map.of("SQL_URL", "sqlite:///data/app.db"), "sql", "url");
    assertThat(run.status()).isZero();
    assertThat(run.out())
        .contains("url:      sqlite:///data/app.db")
        .contains("jdbc_url: jdbc:sqlite:data/app.db?foreign_keys=true")
        .contains("dialect:  sqlite")
        .contains("source:   SQL_URL");
  }

  @Test
  void databaseUrlOptionBeatsTheEnvironment() throws Exception {
    CliRun run =
        CliRun.of(
            Map.of("SQL_URL", "postgresql://env/db"),
            "sql",
            "url",
            "--database-url",
            "mysql://root@cli-host/db",
            "--json");
    JsonNode doc = JSON.readTree(run.out());
    assertThat(doc.get("source").asText()).isEqualTo("--database-url");
    assertThat(doc.get("dialect").asText()).isEqualTo("mysql");
  }

  @Test
  void replicaIsShownToo() throws Exception {
    CliRun run =
        CliRun.of(
            Map.of(
                "SQL_URL",
                "postgresql://primary/db",
                "REPLICA_DB_URL",
                "postgresql://u:ReplicaPw1@replica/db"),
            "sql",
            "url",
            "--json");
    JsonNode doc = JSON.readTree(run.out());
    assertThat(doc.get("replica").get("url").asText()).isEqualTo("postgresql://u:***@replica/db");
    assertThat(run.all()).doesNotContain("ReplicaPw1");
  }

  @Test
  void poolerModeAndDirectUrlAreShownMasked() throws Exception {
    CliRun run =
        CliRun.of(
            Map.of(
                "SQL_URL",
                "postgresql://app:Pooled5ecret@pooler:6543/db?pgbouncer=true&sslmode=disable",
                "DIRECT_URL",
                "postgresql://app:Direct5ecret@primary:5432/db?sslmode=disable"),
            "sql",
            "url",
            "--json");
    assertThat(run.status()).isZero();
    JsonNode doc = JSON.readTree(run.out());
    assertThat(doc.get("pooler").asText()).isEqualTo("transaction");
    assertThat(doc.get("url").asText())
        .isEqualTo("postgresql://app:***@pooler:6543/db?sslmode=disable");
    assertThat(doc.get("jdbc_url").asText())
        .contains("prepareThreshold=0")
        .doesNotContain("pgbouncer");
    JsonNode direct = doc.get("direct");
    assertThat(direct.get("url").asText())
        .isEqualTo("postgresql://app:***@primary:5432/db?sslmode=disable");
    assertThat(direct.get("source").asText()).isEqualTo("DIRECT_URL");
    assertThat(direct.get("jdbc_url").asText()).doesNotContain("prepareThreshold");
    assertThat(run.all()).doesNotContain("Pooled5ecret").doesNotContain("Direct5ecret");

    CliRun text =
        CliRun.of(
            Map.of("SQL_URL", "postgresql://pooler/db", "DB_POOLER", "session"), "sql", "url");
    assertThat(text.out()).contains("pooler:   session");
    assertThat(CliRun.of(Map.of("SQL_URL", "postgresql://db/x"), "sql", "url").out())
        .doesNotContain("pooler");
  }

  @Test
  void aBadPoolerValueExitsTwoNamingIt() {
    CliRun run =
        CliRun.of(Map.of("SQL_URL", "postgresql://db/x", "DB_POOLER", "yes"), "sql", "url");
    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err()).contains("DB_POOLER='yes'").contains("transaction, session or none");
  }

  @Test
  void nothingConfiguredExitsTwoWithTheListOfPlaces() {
    CliRun run = CliRun.of(NO_SECRETS, "sql", "url");
    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err())
        .contains("No database URL is configured")
        .contains("SQL_URL, SQL_URL_FILE, DB_URL")
        .contains("DB_* parts");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void nothingConfiguredWithJsonPrintsTheErrorDocumentOnStdout() throws Exception {
    CliRun run = CliRun.of(NO_SECRETS, "sql", "url", "--json");
    assertThat(run.status()).isEqualTo(2);
    JsonNode doc = JSON.readTree(run.out());
    assertThat(doc.get("error").get("code").asText()).isEqualTo("database_url_missing");
  }

  @Test
  void invalidSettingExitsTwo() {
    CliRun run = CliRun.of(Map.of("DB_HOST", "db", "DB_PORT", "abc"), "sql", "url");
    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err()).contains("DB_PORT='abc'");
  }

  @Test
  void usageErrorsExitTwo() {
    assertThat(CliRun.of(Map.of(), "sql", "url", "--no-such-flag").status()).isEqualTo(2);
    assertThat(CliRun.of(Map.of(), "sql").status()).isEqualTo(2);
    assertThat(CliRun.of(Map.of()).status()).isEqualTo(2);
    assertThat(CliRun.of(Map.of(), "--help").status()).isZero();
  }
}
