package dev.svcinfra.cli;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.svcinfra.config.Env;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MongoCommandTest {
  private MongoServer server;
  private String url;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void start() {
    server = new MongoServer(new MemoryBackend());
    server.bind("127.0.0.1", 0);
    url = "mongodb://127.0.0.1:" + server.getLocalAddress().getPort();
  }

  @AfterEach
  void stop() {
    server.shutdownNow();
  }

  private int run(Map<String, String> env, String... args) {
    return SvcInfraCli.run(
        args,
        Env.of(env),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  private static String closedPortUrl(String userInfo) throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return "mongodb://" + userInfo + "127.0.0.1:" + socket.getLocalPort();
    }
  }

  @Test
  void pingExitsZeroWhenTheServerAnswers() {
    int status = run(Map.of("MONGO_URL", url, "MONGO_DB", "app"), "mongo", "ping");
    assertThat(status).isZero();
    assertThat(out()).contains("answered").contains("database app");
  }

  @Test
  void pingExitsOneWhenNothingAnswersAndMasksThePassword() throws Exception {
    String down = closedPortUrl("ops:hunter2@");
    // The first run loads the driver's classes (seconds on a busy machine); time the second.
    run(Map.of("MONGO_URL", down, "MONGO_DB", "app"), "mongo", "ping");
    long start = System.nanoTime();
    int status = run(Map.of("MONGO_URL", down, "MONGO_DB", "app"), "mongo", "ping");
    assertThat(status).isEqualTo(1);
    // Issue 19: a refused connection is reported at once, not at the 5 s default timeout.
    assertThat((System.nanoTime() - start) / 1_000_000).as(err()).isLessThan(2_000);
    assertThat(err())
        .contains("did not answer: 127.0.0.1:")
        .contains("connection refused")
        .contains("ops:***@")
        .doesNotContain("hunter2");
    assertThat(out()).doesNotContain("hunter2");
  }

  @Test
  void pingJsonSaysWhyItFailed() throws Exception {
    int status =
        run(
            Map.of("MONGO_URL", closedPortUrl("ops:hunter2@"), "MONGO_DB", "app"),
            "mongo",
            "ping",
            "--json");
    assertThat(status).isEqualTo(1);
    assertThat(out())
        .contains("\"ok\" : false")
        .contains("\"error\" : \"127.0.0.1:")
        .contains("connection refused")
        .doesNotContain("hunter2");
  }

  @Test
  void pingJsonAndOptionsBeatTheEnvironment() throws Exception {
    int status =
        run(
            Map.of("MONGO_URL", closedPortUrl(""), "MONGO_DB", "env_db"),
            "mongo",
            "ping",
            "--mongo-url",
            url,
            "--mongo-db",
            "cli_db",
            "--json");
    assertThat(status).isZero();
    assertThat(out()).contains("\"ok\" : true").contains("\"database\" : \"cli_db\"");
  }

  @Test
  void missingDatabaseIsAConfigurationError() {
    int status = run(Map.of("MONGO_URL", url), "mongo", "ping");
    assertThat(status).isEqualTo(2);
    assertThat(err()).contains("MONGO_DB");
  }

  @Test
  void prepareCreatesDeclaredIndexesOnceAndReportsThem(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("indexes.json");
    Files.writeString(
        file,
        """
        {"users": [{"fields": ["email"], "unique": true},
                   {"fields": ["tenant_id", "-created_at"]}],
         "sessions": [{"fields": ["expires_at"], "expire_after_seconds": 60}]}
        """);
    Map<String, String> env = Map.of("MONGO_URL", url, "MONGO_DB", "app");
    assertThat(run(env, "mongo", "prepare", "--indexes", file.toString())).isZero();
    assertThat(out())
        .contains("created  users.email_1 unique")
        .contains("created  users.tenant_id_1_created_at_-1")
        .contains("created  sessions.expires_at_1 ttl=60s");

    out.reset();
    assertThat(run(env, "mongo", "prepare", "--indexes", file.toString(), "--json")).isZero();
    assertThat(out()).contains("\"status\" : \"present\"").doesNotContain("\"created\"");

    try (var client = com.mongodb.client.MongoClients.create(url)) {
      List<Document> indexes =
          client.getDatabase("app").getCollection("users").listIndexes().into(new ArrayList<>());
      assertThat(indexes)
          .extracting(d -> d.getString("name"))
          .containsExactlyInAnyOrder("_id_", "email_1", "tenant_id_1_created_at_-1");
    }
  }

  @Test
  void prepareRefusesABadFileBeforeConnecting(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("indexes.json");
    Files.writeString(
        file, "{\"users\": [{\"fields\": [\"a\", \"b\"], \"expire_after_seconds\": 1}]}");
    Map<String, String> env =
        new HashMap<>(Map.of("MONGO_URL", closedPortUrl(""), "MONGO_DB", "a"));
    assertThat(run(env, "mongo", "prepare", "--indexes", file.toString())).isEqualTo(2);
    assertThat(err()).contains("users[0]").contains("TTL");
  }

  @Test
  void prepareFailsWhenTheServerIsDown(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("indexes.json");
    Files.writeString(file, "{\"users\": [{\"fields\": [\"email\"]}]}");
    int status =
        run(
            Map.of("MONGO_URL", closedPortUrl(""), "MONGO_DB", "a"),
            "mongo",
            "prepare",
            "--indexes",
            file.toString(),
            "--timeout",
            "0.5");
    assertThat(status).isEqualTo(1);
    assertThat(err()).contains("did not answer").contains("no index was created");
  }

  @Test
  void prepareReportsAConflictWithExitOne(@TempDir Path dir) throws Exception {
    try (var client = com.mongodb.client.MongoClients.create(url)) {
      client.getDatabase("app").getCollection("users").createIndex(new Document("email", 1));
    }
    Path file = dir.resolve("indexes.json");
    Files.writeString(file, "{\"users\": [{\"fields\": [\"email\"], \"unique\": true}]}");
    int status =
        run(
            Map.of("MONGO_URL", url, "MONGO_DB", "app"),
            "mongo",
            "prepare",
            "--indexes",
            file.toString());
    assertThat(status).isEqualTo(1);
    assertThat(err()).contains("email_1").contains("unique");
  }
}
