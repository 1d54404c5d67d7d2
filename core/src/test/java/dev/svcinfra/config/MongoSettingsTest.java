package dev.svcinfra.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.svcinfra.ErrorCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MongoSettingsTest {

  private static MongoSettings from(String... pairs) {
    Map<String, String> vars = new HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      vars.put(pairs[i], pairs[i + 1]);
    }
    return MongoSettings.from(Env.of(vars));
  }

  @Test
  void defaultsApplyWhenOnlyTheDatabaseIsSet() {
    MongoSettings s = from("MONGO_DB", "shop");
    assertThat(s.url()).isEqualTo("mongodb://localhost:27017");
    assertThat(s.source()).isEqualTo("default");
    assertThat(s.database()).isEqualTo("shop");
    assertThat(s.appName()).isEqualTo("svc-infra");
    assertThat(s.minPool()).isZero();
    assertThat(s.maxPool()).isEqualTo(100);
  }

  @Test
  void everyVariableIsRead() {
    MongoSettings s =
        from(
            "MONGO_URL",
            "mongodb://db1:27017,db2:27018/?replicaSet=rs0",
            "MONGO_DB",
            "app",
            "MONGO_APPNAME",
            "billing",
            "MONGO_MIN_POOL",
            "5",
            "MONGO_MAX_POOL",
            "20");
    assertThat(s.url()).isEqualTo("mongodb://db1:27017,db2:27018/?replicaSet=rs0");
    assertThat(s.source()).isEqualTo("MONGO_URL");
    assertThat(s.appName()).isEqualTo("billing");
    assertThat(s.minPool()).isEqualTo(5);
    assertThat(s.maxPool()).isEqualTo(20);
  }

  @Test
  void missingDatabaseIsAClearError() {
    assertThatThrownBy(() -> from("MONGO_URL", "mongodb://db:27017"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("MONGO_DB")
        .extracting(e -> ((ConfigException) e).code())
        .isEqualTo(ErrorCode.MONGO_DB_MISSING);
  }

  @Test
  void nonNumericPoolSizesNameTheVariable() {
    assertThatThrownBy(() -> from("MONGO_DB", "a", "MONGO_MAX_POOL", "lots"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("MONGO_MAX_POOL='lots'");
    assertThatThrownBy(() -> from("MONGO_DB", "a", "MONGO_MIN_POOL", "-1"))
        .hasMessageContaining("MONGO_MIN_POOL='-1'");
    assertThatThrownBy(() -> from("MONGO_DB", "a", "MONGO_MAX_POOL", "0"))
        .hasMessageContaining("MONGO_MAX_POOL='0'");
  }

  @Test
  void minimumAboveMaximumIsRefused() {
    assertThatThrownBy(() -> from("MONGO_DB", "a", "MONGO_MIN_POOL", "10", "MONGO_MAX_POOL", "5"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("MONGO_MIN_POOL=10")
        .hasMessageContaining("MONGO_MAX_POOL=5");
  }

  @Test
  void aUrlThatIsNotMongoIsRefusedWithThePasswordMasked() {
    assertThatThrownBy(() -> from("MONGO_DB", "a", "MONGO_URL", "postgres://u:hunter2@h/db"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("MONGO_URL")
        .hasMessageContaining("u:***@h")
        .hasMessageNotContaining("hunter2");
    assertThatThrownBy(() -> from("MONGO_DB", "a", "MONGO_URL", "mongodb://u:hunter2@h:port/"))
        .hasMessageContaining("MONGO_URL")
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void invalidDatabaseNamesAreRefused() {
    assertThatThrownBy(() -> from("MONGO_DB", "my.db"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("MONGO_DB='my.db'");
  }

  @Test
  void credentialsAreMaskedInEveryRendering() {
    MongoSettings s =
        from(
            "MONGO_DB",
            "app",
            "MONGO_URL",
            "mongodb+srv://admin:p%40ss-w0rd@cluster0.example.net/?retryWrites=true");
    assertThat(s.toString()).doesNotContain("p%40ss-w0rd").contains("admin:***@cluster0");
    assertThat(s.maskedUrl())
        .isEqualTo("mongodb+srv://admin:***@cluster0.example.net/?retryWrites=true");
    assertThat(s.url()).contains("p%40ss-w0rd");
  }

  @Test
  void urlIsReadFromMongoUrlFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("mongo_url");
    Files.writeString(file, "mongodb://u:secret@files:27017\n");
    MongoSettings s = from("MONGO_DB", "a", "MONGO_URL_FILE", file.toString());
    assertThat(s.url()).isEqualTo("mongodb://u:secret@files:27017");
    assertThat(s.source()).startsWith("MONGO_URL_FILE");
  }

  @Test
  void mongoUrlMayPointToAFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("url");
    Files.writeString(file, "mongodb://pointed:27017");
    MongoSettings s = from("MONGO_DB", "a", "MONGO_URL", "file:" + file);
    assertThat(s.url()).isEqualTo("mongodb://pointed:27017");
    assertThat(s.source()).contains("file");
  }

  @Test
  void missingUrlFileIsAnErrorNotAFallback(@TempDir Path dir) {
    assertThatThrownBy(
            () -> from("MONGO_DB", "a", "MONGO_URL_FILE", dir.resolve("absent").toString()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("MONGO_URL_FILE")
        .extracting(e -> ((ConfigException) e).code())
        .isEqualTo(ErrorCode.UNREADABLE_FILE);
  }

  @Test
  void settingsBuiltInCodeAreValidatedToo() {
    MongoSettings s = MongoSettings.of("mongodb://localhost", "app").withMaxPool(50);
    assertThat(s.maxPool()).isEqualTo(50);
    assertThat(s.source()).isEqualTo("code");
    assertThatThrownBy(() -> s.withMinPool(51)).isInstanceOf(ConfigException.class);
    assertThatThrownBy(() -> MongoSettings.of("mongodb://localhost", " "))
        .hasMessageContaining("MONGO_DB");
  }
}
