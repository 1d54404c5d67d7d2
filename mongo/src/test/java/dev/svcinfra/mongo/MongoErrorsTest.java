package dev.svcinfra.mongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoCommandException;
import com.mongodb.MongoWriteException;
import com.mongodb.ServerAddress;
import com.mongodb.WriteError;
import dev.svcinfra.ErrorCode;
import dev.svcinfra.config.MongoSettings;
import dev.svcinfra.mongo.testing.MongoTestServer;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.junit.jupiter.api.Test;

class MongoErrorsTest {

  @Test
  void duplicateKeyWriteErrorsCarryTheServersKeyValue() {
    // The in-process server omits keyValue, so the real server's reply is built here.
    MongoWriteException write =
        new MongoWriteException(
            new WriteError(
                11000,
                "E11000 ...",
                BsonDocument.parse("{keyPattern: {email: 1}, keyValue: {email: 'a@example.com'}}")),
            new ServerAddress(),
            Set.of());
    assertThatThrownBy(
            () ->
                MongoErrors.translate(
                    "users",
                    () -> {
                      throw write;
                    }))
        .isInstanceOf(DuplicateKeyException.class)
        .hasMessageContaining("email")
        .hasMessageNotContaining("a@example.com")
        .satisfies(
            e ->
                assertThat(((DuplicateKeyException) e).keyValue())
                    .isEqualTo(Map.of("email", new BsonString("a@example.com"))));
  }

  @Test
  void duplicateKeyCommandErrorsAreConflictsToo() {
    MongoCommandException command =
        new MongoCommandException(
            BsonDocument.parse("{ok: 0, code: 11000, errmsg: 'dup', keyValue: {sku: 'x'}}"),
            new ServerAddress());
    assertThatThrownBy(
            () ->
                MongoErrors.translate(
                    "items",
                    () -> {
                      throw command;
                    }))
        .isInstanceOf(DuplicateKeyException.class)
        .satisfies(e -> assertThat(((DuplicateKeyException) e).fields()).containsExactly("sku"));
  }

  @Test
  void otherServerErrorsPassThroughUnchanged() {
    MongoCommandException other =
        new MongoCommandException(
            BsonDocument.parse("{ok: 0, code: 13, errmsg: 'unauthorized'}"), new ServerAddress());
    assertThatThrownBy(
            () ->
                MongoErrors.translate(
                    "items",
                    () -> {
                      throw other;
                    }))
        .isSameAs(other);
  }

  @Test
  void anUnreachableServerIsUnavailableWithinTheSelectionTimeout() {
    String down = MongoTestServer.unreachableUrl(300);
    try (MongoConnection connection = MongoConnection.open(MongoSettings.of(down, "app"))) {
      MongoRepository repo = MongoRepository.builder(connection.database(), "items").build();
      long start = System.nanoTime();
      assertThatThrownBy(() -> repo.list(10, 0, List.of()))
          .isInstanceOf(MongoUnavailableException.class)
          .extracting(e -> ((MongoUnavailableException) e).code())
          .isEqualTo(ErrorCode.DATABASE_UNAVAILABLE);
      assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5_000);
    }
  }
}
