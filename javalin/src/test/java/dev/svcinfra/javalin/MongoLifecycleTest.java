package dev.svcinfra.javalin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.svcinfra.config.MongoSettings;
import dev.svcinfra.mongo.Mongo;
import dev.svcinfra.mongo.MongoNotInitializedException;
import dev.svcinfra.mongo.testing.MongoTestServer;
import dev.svcinfra.sql.Database;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Mongo client follows the server's start and stop without replacing the app's handlers. */
class MongoLifecycleTest {
  private MongoTestServer server;
  private MongoSettings settings;

  @BeforeEach
  void startServer() {
    server = MongoTestServer.start();
    settings = MongoSettings.of(server.url(), "lifecycle");
  }

  @AfterEach
  void stopServer() {
    Mongo.closeMongo();
    server.close();
  }

  @Test
  void opensOnStartClosesOnStopAndTheAppsOwnHandlersStillRun() {
    List<String> events = new ArrayList<>();
    Javalin app =
        Javalin.create(
            config -> {
              config.events.serverStarting(() -> events.add("app starting"));
              config.events.serverStopped(() -> events.add("app stopped"));
              MongoLifecycle.install(config.events, settings);
              config.events.serverStarted(
                  () -> events.add("app started, ping " + Mongo.pingMongo()));
              config.events.serverStopping(
                  () -> events.add("app stopping, ping " + Mongo.pingMongo()));
            });
    assertThat(Mongo.connection()).isEmpty();
    app.start("127.0.0.1", 0);
    assertThat(Mongo.acquireDb().getName()).isEqualTo("lifecycle");
    app.stop();
    assertThat(events)
        .containsExactly(
            "app starting", "app started, ping true", "app stopping, ping true", "app stopped");
    assertThatThrownBy(Mongo::acquireDb).isInstanceOf(MongoNotInitializedException.class);
  }

  @Test
  void pluginWithSettingsServesResourcesAndSharesTheDocumentWithSqlPlugin(@TempDir Path dir)
      throws Exception {
    Database db = Database.open("sqlite:///" + dir.resolve("both.db").toAbsolutePath());
    List<String> events = new ArrayList<>();
    Javalin app =
        Javalin.create(
                config -> {
                  config.events.serverStopped(() -> events.add("app stopped"));
                  config.registerPlugin(
                      new SqlPlugin(
                          sql -> {
                            sql.database = db;
                            sql.resource(SqlResource.of(Gadget.class).prefix("/gadgets").build());
                          }));
                  config.registerPlugin(
                      new MongoPlugin(
                          mongo -> {
                            mongo.settings = settings;
                            mongo.resource(MongoResource.of("items").build());
                          }));
                })
            .start("127.0.0.1", 0);
    try {
      HttpClient client = HttpClient.newHttpClient();
      String base = "http://127.0.0.1:" + app.port();
      HttpResponse<String> created =
          client.send(
              HttpRequest.newBuilder(URI.create(base + "/items"))
                  .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"pen\"}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      assertThat(Mongo.acquireDb().getCollection("items").countDocuments()).isEqualTo(1);
      JsonNode doc =
          JsonCodec.MAPPER.readTree(
              client
                  .send(
                      HttpRequest.newBuilder(URI.create(base + "/openapi.json")).build(),
                      HttpResponse.BodyHandlers.ofString())
                  .body());
      assertThat(doc.path("paths").has("/gadgets")).isTrue();
      assertThat(doc.path("paths").has("/items/{id}")).isTrue();
      // One error style for both: a Mongo not-found and an unknown route are problem+json.
      HttpResponse<String> missing =
          client.send(
              HttpRequest.newBuilder(URI.create(base + "/items/nope")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(missing.statusCode()).isEqualTo(404);
      assertThat(missing.headers().firstValue("Content-Type")).hasValue(Problem.CONTENT_TYPE);
      assertThat(missing.headers().firstValue("X-Request-Id")).isPresent();
    } finally {
      app.stop();
    }
    assertThat(events).containsExactly("app stopped");
    assertThat(Mongo.connection()).isEmpty();
  }

  @Test
  void aClientThatCannotBeCreatedFailsTheStart() {
    Mongo.initMongo(MongoSettings.of("mongodb://127.0.0.1:1", "other"));
    Javalin app = Javalin.create(config -> MongoLifecycle.install(config.events, settings));
    // initMongo refuses different settings while a client is open: the start fails loudly.
    assertThatThrownBy(() -> app.start("127.0.0.1", 0)).hasMessageContaining("already");
    app.stop();
  }
}
