package dev.svcinfra.mongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoDatabase;
import dev.svcinfra.ErrorCode;
import dev.svcinfra.config.MongoSettings;
import dev.svcinfra.mongo.testing.MongoTestServer;
import java.util.ArrayList;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MongoLifecycleTest {
  private MongoTestServer server;

  @BeforeEach
  void start() {
    Mongo.closeMongo();
    server = MongoTestServer.start();
  }

  @AfterEach
  void stop() {
    Mongo.closeMongo();
    server.close();
  }

  @Test
  void acquireBeforeInitIsAClearError() {
    assertThatThrownBy(Mongo::acquireDb)
        .isInstanceOf(MongoNotInitializedException.class)
        .hasMessageContaining("initMongo")
        .extracting(e -> ((MongoNotInitializedException) e).code())
        .isEqualTo(ErrorCode.MONGO_NOT_INITIALIZED);
    assertThat(Mongo.pingMongo()).isFalse();
  }

  @Test
  void initReturnsAWorkingDatabaseAndIsIdempotent() {
    MongoSettings settings = server.settings();
    MongoDatabase db = Mongo.initMongo(settings);
    db.getCollection("items").insertOne(new Document("name", "a"));

    MongoDatabase again = Mongo.initMongo(settings);
    assertThat(again).isSameAs(db);
    assertThat(Mongo.acquireDb()).isSameAs(db);
    assertThat(Mongo.acquireDb().getName()).isEqualTo(settings.database());
    assertThat(Mongo.acquireDb().getCollection("items").countDocuments()).isEqualTo(1);
    assertThat(Mongo.pingMongo()).isTrue();
  }

  @Test
  void initWithOtherSettingsWhileOpenIsRefused() {
    Mongo.initMongo(server.settings());
    MongoSettings other = MongoSettings.of(server.url(), "elsewhere");
    assertThatThrownBy(() -> Mongo.initMongo(other))
        .isInstanceOf(MongoStoreException.class)
        .extracting(e -> ((MongoStoreException) e).code())
        .isEqualTo(ErrorCode.MONGO_ALREADY_INITIALIZED);
  }

  @Test
  void closeEndsTheClientAndAllowsANewInit() {
    Mongo.initMongo(server.settings());
    Mongo.closeMongo();
    assertThatThrownBy(Mongo::acquireDb).isInstanceOf(MongoNotInitializedException.class);
    assertThat(Mongo.pingMongo()).isFalse();
    Mongo.closeMongo();
    MongoDatabase db = Mongo.initMongo(server.settings());
    assertThat(Mongo.pingMongo()).isTrue();
    assertThat(db.listCollectionNames().into(new ArrayList<>())).isEmpty();
  }

  @Test
  void pingAnswersFalseQuicklyWhenTheServerIsDown() {
    MongoSettings down = MongoSettings.of(MongoTestServer.unreachableUrl(300), "app");
    Mongo.initMongo(down);
    long start = System.nanoTime();
    assertThat(Mongo.pingMongo()).isFalse();
    assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5_000);
  }

  @Test
  void pingAnswersFalseWhenTheServerStopsAfterInit() {
    Mongo.initMongo(
        server
            .settings()
            .withUrl(
                server
                    .url()
                    .replace("serverSelectionTimeoutMS=2000", "serverSelectionTimeoutMS=300"),
                "test"));
    assertThat(Mongo.pingMongo()).isTrue();
    server.close();
    assertThat(Mongo.pingMongo()).isFalse();
  }

  @Test
  void boundedPingIgnoresALongServerSelectionTimeout() {
    String slow = MongoTestServer.unreachableUrl(30_000);
    try (MongoConnection connection = MongoConnection.open(MongoSettings.of(slow, "app"))) {
      long start = System.nanoTime();
      assertThat(connection.ping(300)).isFalse();
      assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5_000);
    }
  }

  @Test
  void poolAndAppNameFromSettingsReachTheClient() {
    MongoSettings settings = server.settings().withMinPool(1).withMaxPool(7).withAppName("billing");
    try (MongoConnection connection = MongoConnection.open(settings)) {
      assertThat(connection.ping()).isTrue();
      assertThat(connection.settings()).isEqualTo(settings);
    }
  }
}
