package dev.svcinfra.config.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.svcinfra.ErrorCode;
import dev.svcinfra.config.ConfigException;
import dev.svcinfra.config.Env;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DatabaseUrlResolverTest {
  @TempDir Path dir;
  private Path secrets;
  private Path urlFileA;
  private Path urlFileB;

  @BeforeEach
  void files() throws IOException {
    secrets = Files.createDirectories(dir.resolve("secrets"));
    urlFileA = Files.writeString(dir.resolve("a.url"), "postgresql://file-a/db\n");
    urlFileB = Files.writeString(dir.resolve("b.url"), "  postgresql://file-b/db  \n");
  }

  /**
   * Each row: variables set (values with {A}/{B} replaced by file paths), expected host, source.
   */
  static Stream<Arguments> order() {
    return Stream.of(
        row(
            Map.of(
                "SQL_URL",
                "postgresql://sql-url/db",
                "DATABASE_URL",
                "postgresql://database-url/db"),
            "sql-url",
            "SQL_URL"),
        row(
            Map.of("SQL_URL_FILE", "{A}", "DATABASE_URL", "postgresql://database-url/db"),
            "file-a",
            "SQL_URL_FILE ({A})"),
        row(
            Map.of("SQL_URL", "postgresql://sql-url/db", "SQL_URL_FILE", "{A}"),
            "sql-url",
            "SQL_URL"),
        row(
            Map.of("DB_URL", "postgresql://db-url/db", "DATABASE_URL_FILE", "{A}"),
            "db-url",
            "DB_URL"),
        row(
            Map.of("DB_URL_FILE", "{B}", "DATABASE_URL", "postgresql://database-url/db"),
            "file-b",
            "DB_URL_FILE ({B})"),
        row(
            Map.of(
                "DATABASE_URL",
                "postgresql://database-url/db",
                "DATABASE_URL_PRIVATE",
                "postgresql://private/db"),
            "database-url",
            "DATABASE_URL"),
        row(
            Map.of("DATABASE_URL_FILE", "{A}", "DATABASE_URL_PRIVATE", "postgresql://private/db"),
            "file-a",
            "DATABASE_URL_FILE ({A})"),
        row(
            Map.of(
                "DATABASE_URL_PRIVATE",
                "postgresql://private/db",
                "PRIVATE_SQL_URL",
                "postgresql://private-sql/db"),
            "private",
            "DATABASE_URL_PRIVATE"),
        row(
            Map.of(
                "DATABASE_URL_PRIVATE_FILE",
                "{B}",
                "PRIVATE_SQL_URL",
                "postgresql://private-sql/db"),
            "file-b",
            "DATABASE_URL_PRIVATE_FILE ({B})"),
        row(
            Map.of("PRIVATE_SQL_URL", "postgresql://private-sql/db", "DB_HOST", "parts"),
            "private-sql",
            "PRIVATE_SQL_URL"),
        row(
            Map.of("PRIVATE_SQL_URL_FILE", "{A}", "DB_HOST", "parts"),
            "file-a",
            "PRIVATE_SQL_URL_FILE ({A})"),
        // the secret file comes after every variable and before parts
        row(
            Map.of("PRIVATE_SQL_URL", "postgresql://private-sql/db", "SECRET", "yes"),
            "private-sql",
            "PRIVATE_SQL_URL"),
        row(
            Map.of("SECRET", "yes", "DB_HOST", "parts", "DB_NAME", "x"),
            "secret",
            "secret file {SECRETS}/database_url"),
        row(Map.of("DB_HOST", "parts", "DB_NAME", "x"), "parts", "DB_* parts"),
        // a blank value counts as unset
        row(
            Map.of("SQL_URL", "   ", "DATABASE_URL", "postgresql://database-url/db"),
            "database-url",
            "DATABASE_URL"),
        // values are trimmed
        row(
            Map.of("DATABASE_URL", "  postgresql://database-url/db \n"),
            "database-url",
            "DATABASE_URL"),
        // a value that points to a file
        row(Map.of("DATABASE_URL", "file:{A}"), "file-a", "DATABASE_URL (file {A})"),
        row(Map.of("DATABASE_URL", "{B}"), "file-b", "DATABASE_URL (file {B})"));
  }

  private static Arguments row(Map<String, String> vars, String host, String source) {
    return Arguments.of(vars, host, source);
  }

  @ParameterizedTest(name = "{index}: {0} -> {1}")
  @MethodSource("order")
  void firstHitWins(Map<String, String> vars, String expectedHost, String expectedSource)
      throws IOException {
    Map<String, String> env = new HashMap<>();
    vars.forEach((k, v) -> env.put(k, expand(v)));
    env.put(DatabaseUrlResolver.SECRETS_DIR_VARIABLE, secrets.toString());
    if (env.remove("SECRET") != null) {
      Files.writeString(secrets.resolve("database_url"), "postgresql://secret/db\n");
    }
    ResolvedUrl resolved = DatabaseUrlResolver.resolve(Env.of(env));
    assertThat(resolved.url().host().orElseThrow().host()).isEqualTo(expectedHost);
    assertThat(resolved.source()).isEqualTo(expand(expectedSource));
  }

  private String expand(String v) {
    return v.replace("{A}", urlFileA.toString())
        .replace("{B}", urlFileB.toString())
        .replace("{SECRETS}", dir.resolve("secrets").toString());
  }

  @Test
  void nothingFoundListsEveryPlaceLookedAt() {
    Env env =
        Env.of(
            Map.of(
                DatabaseUrlResolver.SECRETS_DIR_VARIABLE,
                secrets.toString(),
                "DB_USER",
                "only-a-user"));
    assertThatThrownBy(() -> DatabaseUrlResolver.resolve(env))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(
            "SQL_URL, SQL_URL_FILE, DB_URL, DB_URL_FILE, DATABASE_URL, "
                + "DATABASE_URL_FILE, DATABASE_URL_PRIVATE, DATABASE_URL_PRIVATE_FILE, PRIVATE_SQL_URL, "
                + "PRIVATE_SQL_URL_FILE")
        .hasMessageContaining("secret file " + secrets.resolve("database_url"))
        .hasMessageContaining("DB_* parts")
        .extracting(e -> ((ConfigException) e).code())
        .isEqualTo(ErrorCode.DATABASE_URL_MISSING);
  }

  @Test
  void defaultSecretsDirectoryIsRunSecrets() {
    assertThat(DatabaseUrlResolver.secretsDir(Env.empty())).isEqualTo(Path.of("/run/secrets"));
  }

  @Test
  void fileVariablePointingNowhereIsAnErrorNotAFallThrough() {
    Env env =
        Env.of(
            Map.of(
                "SQL_URL_FILE",
                dir.resolve("missing").toString(),
                "DATABASE_URL",
                "postgresql://database-url/db"));
    assertThatThrownBy(() -> DatabaseUrlResolver.resolve(env))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("SQL_URL_FILE")
        .hasMessageContaining("does not exist");
  }

  @Test
  void emptyFileIsAnError() throws IOException {
    Path empty = Files.writeString(dir.resolve("empty"), "\n");
    Env env = Env.of(Map.of("DATABASE_URL_FILE", empty.toString()));
    assertThatThrownBy(() -> DatabaseUrlResolver.resolve(env))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("empty");
  }

  @Test
  void invalidUrlNamesItsSourceAndMasksThePassword() {
    Env env = Env.of(Map.of("DATABASE_URL", "postgres://app:Sup3rS3cret@db:port/x"));
    assertThatThrownBy(() -> DatabaseUrlResolver.resolve(env))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("DATABASE_URL: ")
        .hasMessageNotContaining("Sup3rS3cret");
  }

  @Test
  void placesLookedAreInResolutionOrder() {
    List<String> places = DatabaseUrlResolver.placesLooked(Env.empty());
    assertThat(places.get(0)).isEqualTo("SQL_URL");
    assertThat(places.get(1)).isEqualTo("SQL_URL_FILE");
    assertThat(places).hasSize(12);
    assertThat(places.get(10)).startsWith("secret file");
  }
}
