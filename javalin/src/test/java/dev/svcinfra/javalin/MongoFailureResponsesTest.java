package dev.svcinfra.javalin;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import dev.svcinfra.config.MongoSettings;
import dev.svcinfra.mongo.Mongo;
import dev.svcinfra.mongo.testing.MongoTestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A database that is down or not opened yet is a 503 with Retry-After, never a 500. */
class MongoFailureResponsesTest {
  private TestApp app;

  @AfterEach
  void stop() {
    if (app != null) {
      app.close();
    }
    Mongo.closeMongo();
  }

  @Test
  void aServerThatDoesNotAnswerIs503WithRetryAfter() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    try (MongoClient client =
        MongoClients.create(
            "mongodb://127.0.0.1:"
                + closedPort
                + "/?serverSelectionTimeoutMS=300&connectTimeoutMS=300")) {
      app =
          TestApp.mongo(
              m -> {
                m.database = client.getDatabase("down");
                m.retryAfterSeconds = 7;
                m.resource(MongoResource.of("items").build());
              });
      HttpResponse<String> r = app.send("GET", "/items", null);
      assertThat(r.statusCode()).as(r.body()).isEqualTo(503);
      assertThat(r.headers().firstValue("Retry-After")).hasValue("7");
      assertThat(r.body())
          .contains("\"code\":\"database_unavailable\"")
          .contains("\"request_id\"")
          .doesNotContain(String.valueOf(closedPort))
          .doesNotContain("Exception");
    }
  }

  @Test
  void withoutAnOpenClientRequestsAre503UntilTheAppOpensIt() throws Exception {
    app = TestApp.mongo(m -> m.resource(MongoResource.of("items").build()));
    HttpResponse<String> before = app.send("POST", "/items", "{\"name\":\"pen\"}");
    assertThat(before.statusCode()).as(before.body()).isEqualTo(503);
    assertThat(before.body()).contains("\"code\":\"database_unavailable\"");

    try (MongoTestServer server = MongoTestServer.start()) {
      Mongo.initMongo(MongoSettings.of(server.url(), "late"));
      assertThat(app.send("POST", "/items", "{\"name\":\"pen\"}").statusCode()).isEqualTo(201);
      assertThat(Mongo.acquireDb().getCollection("items").countDocuments()).isEqualTo(1);
    } finally {
      Mongo.closeMongo();
    }
  }

  /**
   * SQL-only services run without the MongoDB driver (the dependency is optional): only the Mongo
   * classes of this module may refer to Mongo types.
   */
  @Test
  void onlyMongoClassesReferToMongoTypes() throws IOException {
    Path classes =
        Path.of(MongoPlugin.class.getProtectionDomain().getCodeSource().getLocation().getPath());
    List<String> mongoClasses =
        List.of(
            "MongoPlugin",
            "MongoPlugin$Config",
            "MongoResource",
            "MongoResource$Builder",
            "MongoResource$Built",
            "MongoRoutes",
            "MongoBodies",
            "MongoLifecycle",
            "MongoField",
            "MongoField$Type");
    List<String> offenders;
    try (Stream<Path> files = Files.walk(classes)) {
      offenders =
          files
              .filter(f -> f.toString().endsWith(".class"))
              .filter(
                  f -> {
                    String name = f.getFileName().toString().replace(".class", "");
                    return !mongoClasses.contains(name) && !name.startsWith("Mongo");
                  })
              .filter(
                  f -> {
                    String bytes = read(f);
                    return bytes.contains("com/mongodb")
                        || bytes.contains("dev/svcinfra/mongo")
                        || bytes.contains("org/bson");
                  })
              .map(f -> f.getFileName().toString())
              .toList();
    }
    assertThat(offenders).isEmpty();
    assertThat(Files.exists(classes.resolve("dev/svcinfra/javalin/MongoRoutes.class"))).isTrue();
  }

  private static String read(Path f) {
    try {
      return new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
