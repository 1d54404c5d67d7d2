package dev.svcinfra.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.svcinfra.config.MongoSettings;
import dev.svcinfra.health.CheckResult;
import dev.svcinfra.health.HealthStatus;
import dev.svcinfra.mongo.testing.MongoTestServer;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MongoHealthCheckTest {

  @AfterEach
  void close() {
    Mongo.closeMongo();
  }

  @Test
  void healthyWhenTheServerAnswers() {
    try (MongoTestServer server = MongoTestServer.start();
        MongoConnection connection = MongoConnection.open(server.settings())) {
      CheckResult result =
          MongoHealthCheck.of(connection.database(), Duration.ofSeconds(2)).check();
      assertThat(result.status()).isEqualTo(HealthStatus.HEALTHY);
      assertThat(result.details()).containsEntry("database", connection.settings().database());
    }
  }

  @Test
  void unhealthyWithinItsTimeoutWhenDownAndNeverLeaksTheUrl() {
    String down =
        MongoTestServer.unreachableUrl(30_000).replace("mongodb://", "mongodb://app:hunter2@");
    try (MongoConnection connection = MongoConnection.open(MongoSettings.of(down, "app"))) {
      long start = System.nanoTime();
      CheckResult result =
          MongoHealthCheck.of(connection.database(), Duration.ofMillis(300)).check();
      long millis = (System.nanoTime() - start) / 1_000_000;
      assertThat(result.status()).isEqualTo(HealthStatus.UNHEALTHY);
      assertThat(millis).isLessThan(5_000);
      assertThat(result.message())
          .get()
          .asString()
          .contains("300 ms")
          .doesNotContain("hunter2")
          .doesNotContain("127.0.0.1");
    }
  }

  @Test
  void theInitializedClientIsCheckedAtCheckTime() {
    MongoHealthCheck check = MongoHealthCheck.ofInitialized(Duration.ofSeconds(2));
    assertThat(check.check().status()).isEqualTo(HealthStatus.UNHEALTHY);
    assertThat(check.check().message()).contains("MongoDB is not initialized");
    try (MongoTestServer server = MongoTestServer.start()) {
      Mongo.initMongo(server.settings());
      assertThat(check.check().status()).isEqualTo(HealthStatus.HEALTHY);
      Mongo.closeMongo();
      assertThat(check.check().status()).isEqualTo(HealthStatus.UNHEALTHY);
    }
  }
}
