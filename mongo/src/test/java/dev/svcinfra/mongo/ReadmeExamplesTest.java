package dev.svcinfra.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import dev.svcinfra.config.Env;
import dev.svcinfra.config.MongoSettings;
import dev.svcinfra.health.HealthCheck;
import dev.svcinfra.health.HealthStatus;
import dev.svcinfra.mongo.testing.MongoTestServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** The examples of mongo/README.md, run as written (only the environment is the test's). */
class ReadmeExamplesTest {

  @Test
  void readmeExamplesRun() throws Exception {
    try (MongoTestServer server = MongoTestServer.start()) {
      Env env = Env.of(Map.of("MONGO_URL", server.url(), "MONGO_DB", "shop"));

      // Client lifecycle
      MongoDatabase db = Mongo.initMongo(MongoSettings.from(env));
      Mongo.acquireDb().getCollection("items").insertOne(new Document("name", "pen"));
      boolean up = Mongo.pingMongo();
      assertThat(up).isTrue();

      // MongoRepository
      MongoRepository users =
          MongoRepository.builder(db, "users")
              .softDelete()
              .searchFields("name", "email")
              .orderFields("created_at", "name")
              .defaultOrder("-created_at")
              .immutableFields("email")
              .build();
      Map<String, Object> ada = users.create(Map.of("name", "Ada", "email", "ada@example.com"));
      String id = (String) ada.get("id");
      users.update(id, Map.of("name", "Ada L."));
      assertThat(users.get(id)).get().extracting(m -> m.get("name")).isEqualTo("Ada L.");
      assertThat(users.list(50, 0, List.of("-created_at"))).hasSize(1);
      assertThat(users.search("ADA", List.of("name"), 50, 0, List.of())).hasSize(1);
      assertThat(users.count()).isEqualTo(1);
      assertThat(users.countSearch("ada", List.of())).isEqualTo(1);
      assertThat(users.exists(id)).isTrue();

      KeysetPage page = users.page(100, List.of("-created_at"), null);
      while (page.nextCursor().isPresent()) {
        page = users.page(100, List.of("-created_at"), page.nextCursor().get());
      }
      assertThat(page.items()).hasSize(1);
      users.delete(id);
      assertThat(users.count()).isZero();

      // Indexes
      List<MongoIndexes.Outcome> outcomes =
          MongoIndexes.ensure(
              Mongo.acquireDb(),
              List.of(
                  MongoIndex.on("users", "email").unique(),
                  MongoIndex.on("users", "tenant_id", "-created_at"),
                  MongoIndex.on("sessions", "expires_at").expireAfter(Duration.ZERO)));
      assertThat(outcomes).hasSize(3);

      // Health check
      HealthCheck mongo = MongoHealthCheck.ofInitialized(Duration.ofSeconds(2));
      assertThat(mongo.check().status()).isEqualTo(HealthStatus.HEALTHY);

      Mongo.closeMongo();
      assertThat(mongo.check().status()).isEqualTo(HealthStatus.UNHEALTHY);
    } finally {
      Mongo.closeMongo();
    }
  }
}
