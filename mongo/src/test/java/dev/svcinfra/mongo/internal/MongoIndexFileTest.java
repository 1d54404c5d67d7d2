package dev.svcinfra.mongo.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.svcinfra.ErrorCode;
import dev.svcinfra.config.ConfigException;
import dev.svcinfra.mongo.MongoIndex;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MongoIndexFileTest {

  @Test
  void readsEveryKindOfDeclaration(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("mongo-indexes.json");
    Files.writeString(
        file,
        """
        {
          "users": [{"fields": ["email"], "unique": true},
                    {"fields": ["tenant_id", "-created_at"], "name": "tenant_recent"}],
          "sessions": [{"fields": ["expires_at"], "expire_after_seconds": 0}]
        }
        """);
    assertThat(MongoIndexFile.read(file))
        .containsExactly(
            MongoIndex.on("users", "email").unique(),
            MongoIndex.on("users", "tenant_id", "-created_at").named("tenant_recent"),
            MongoIndex.on("sessions", "expires_at").expireAfter(Duration.ZERO));
  }

  @Test
  void mistakesNameTheEntry() {
    assertThatThrownBy(() -> MongoIndexFile.parse("{\"users\": [{\"field\": [\"a\"]}]}", "f.json"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("f.json")
        .hasMessageContaining("users[0]")
        .hasMessageContaining("\"field\"");
    assertThatThrownBy(() -> MongoIndexFile.parse("{\"users\": {}}", "f.json"))
        .hasMessageContaining("users: expected a list");
    assertThatThrownBy(
            () ->
                MongoIndexFile.parse(
                    "{\"s\": [{\"fields\": [\"a\", \"b\"], \"expire_after_seconds\": 5}]}",
                    "f.json"))
        .hasMessageContaining("s[0]")
        .hasMessageContaining("TTL");
    assertThatThrownBy(
            () -> MongoIndexFile.parse("{\"u\": [{\"fields\": [\"a\"], \"unique\": 1}]}", "f.json"))
        .hasMessageContaining("unique");
    assertThatThrownBy(() -> MongoIndexFile.parse("not json", "f.json"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("f.json");
  }

  @Test
  void aMissingFileIsUnreadable(@TempDir Path dir) {
    assertThatThrownBy(() -> MongoIndexFile.read(dir.resolve("absent.json")))
        .isInstanceOf(ConfigException.class)
        .extracting(e -> ((ConfigException) e).code())
        .isEqualTo(ErrorCode.UNREADABLE_FILE);
  }

  @Test
  void anEmptyObjectDeclaresNothing() {
    assertThat(MongoIndexFile.parse("{}", "f")).isEqualTo(List.of());
    assertThat(MongoIndex.on("a", "b").expireAfter()).isEqualTo(Optional.empty());
  }
}
