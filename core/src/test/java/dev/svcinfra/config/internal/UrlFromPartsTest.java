package dev.svcinfra.config.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.svcinfra.config.ConfigException;
import dev.svcinfra.config.DatabaseUrl;
import dev.svcinfra.config.Env;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UrlFromPartsTest {
  @TempDir Path dir;

  private static DatabaseUrl compose(Map<String, String> vars) {
    return UrlFromParts.compose(Env.of(vars)).orElseThrow();
  }

  @Test
  void guideExampleComposesTheDocumentedUrl() {
    Map<String, String> vars =
        Map.of(
            "DB_DIALECT",
            "postgresql",
            "DB_DRIVER",
            "asyncpg",
            "DB_HOST",
            "localhost",
            "DB_PORT",
            "5432",
            "DB_NAME",
            "myapp",
            "DB_USER",
            "postgres",
            "DB_PASSWORD",
            "secret",
            "DB_PARAMS",
            "sslmode=disable");
    DatabaseUrl url = compose(vars);
    assertThat(url.render("postgresql", "host", false))
        .isEqualTo("postgresql+asyncpg://postgres:secret@localhost:5432/myapp?sslmode=disable");
    // shown masked
    assertThat(url.toString())
        .isEqualTo("postgresql+asyncpg://postgres:***@localhost:5432/myapp?sslmode=disable");
  }

  @Test
  void dialectDefaultsToPostgresql() {
    assertThat(compose(Map.of("DB_HOST", "db", "DB_NAME", "app")).scheme()).isEqualTo("postgresql");
  }

  @Test
  void userPasswordAndDatabaseArePercentEncoded() {
    DatabaseUrl url =
        compose(
            Map.of(
                "DB_HOST",
                "db",
                "DB_NAME",
                "my db/x",
                "DB_USER",
                "me@corp",
                "DB_PASSWORD",
                "p@ss:w/rd?&"));
    String rendered = url.render("postgresql", "host", false);
    assertThat(rendered).isEqualTo("postgresql://me%40corp:p%40ss%3Aw%2Frd%3F%26@db/my%20db/x");
    DatabaseUrl back = DatabaseUrl.parse(rendered);
    assertThat(back.user()).contains("me@corp");
    assertThat(back.password()).contains("p@ss:w/rd?&");
  }

  @Test
  void socketHostForPostgresAndMysql() {
    DatabaseUrl pg =
        compose(Map.of("DB_HOST", "/var/run/postgresql", "DB_NAME", "app", "DB_USER", "app"));
    assertThat(pg.socket()).contains("/var/run/postgresql");
    assertThat(pg.render("postgresql", "host", true))
        .isEqualTo("postgresql://app@/app?host=/var/run/postgresql");

    DatabaseUrl my =
        compose(
            Map.of("DB_DIALECT", "mysql", "DB_HOST", "/run/mysqld/mysqld.sock", "DB_NAME", "app"));
    assertThat(my.render("mysql", "unix_socket", true))
        .isEqualTo("mysql:///app?unix_socket=/run/mysqld/mysqld.sock");
  }

  @Test
  void nonNumericPortIsAnErrorNamingTheVariable() {
    assertThatThrownBy(() -> compose(Map.of("DB_HOST", "db", "DB_PORT", "54x2")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("DB_PORT='54x2'");
    assertThatThrownBy(() -> compose(Map.of("DB_HOST", "db", "DB_PORT", "70000")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("DB_PORT");
  }

  @Test
  void paramsSkipEmptySegmentsAndRejectSegmentsWithoutEquals() {
    DatabaseUrl url =
        compose(Map.of("DB_HOST", "db", "DB_PARAMS", "&sslmode=require&&connect_timeout=5&"));
    assertThat(url.params())
        .containsExactly(Map.entry("sslmode", "require"), Map.entry("connect_timeout", "5"));
    assertThatThrownBy(() -> compose(Map.of("DB_HOST", "db", "DB_PARAMS", "sslmode=require&oops")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("DB_PARAMS")
        .hasMessageContaining("oops");
  }

  @Test
  void passwordFromFile() throws IOException {
    Path file = Files.writeString(dir.resolve("pw"), "from-file-secret\n");
    DatabaseUrl url = compose(Map.of("DB_HOST", "db", "DB_PASSWORD_FILE", file.toString()));
    assertThat(url.password()).contains("from-file-secret");
    // DB_PASSWORD wins over the file
    Map<String, String> both =
        new HashMap<>(
            Map.of("DB_HOST", "db", "DB_PASSWORD", "direct", "DB_PASSWORD_FILE", file.toString()));
    assertThat(compose(both).password()).contains("direct");
    assertThatThrownBy(
            () ->
                compose(
                    Map.of("DB_HOST", "db", "DB_PASSWORD_FILE", dir.resolve("nope").toString())))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("DB_PASSWORD_FILE");
  }

  @Test
  void sqliteFromParts() {
    DatabaseUrl url = compose(Map.of("DB_DIALECT", "sqlite", "DB_NAME", "data/app.db"));
    assertThat(url.render("sqlite", "host", false)).isEqualTo("sqlite:///data/app.db");
  }

  @Test
  void noHostNoNameMeansNoParts() {
    assertThat(UrlFromParts.compose(Env.of(Map.of("DB_USER", "x", "DB_PORT", "1")))).isEmpty();
  }
}
