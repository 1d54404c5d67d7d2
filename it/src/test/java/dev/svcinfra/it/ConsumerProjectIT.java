package dev.svcinfra.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A new user's first service, as the README's "Use it in your service" shows it: its files are
 * taken from the README verbatim, built by Maven as a project of its own (outside this build, no
 * network, against the packaged jars and the BOM in a private local repository), and run with
 * {@code mvn compile exec:java} on a SQLite file. The service must apply its migration and answer a
 * create and a read.
 */
class ConsumerProjectIT {
  private static final Duration BUILD_AND_START = Duration.ofSeconds(150);

  private final Path root = Path.of(System.getProperty("it.root", "..")).toAbsolutePath();
  private final Path work =
      Path.of(System.getProperty("it.work", "target/consumer")).toAbsolutePath();

  @Test
  void theReadmeServiceBuildsMigratesAndAnswers() throws Exception {
    deleteTree(work);
    Path project = work.resolve("books");
    Map<String, String> files = ReadmeProject.files(root.resolve("README.md"));
    assertThat(files)
        .as("the README shows the project's files")
        .containsKeys("pom.xml", "src/main/java/com/example/books/BooksApp.java");
    ReadmeProject.write(files, project);
    PrivateRepository repo =
        PrivateRepository.create(
            work,
            root,
            System.getProperty("it.version"),
            Path.of(System.getProperty("it.userRepository")));

    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Path log = work.resolve("service.log");
    ProcessBuilder pb =
        new ProcessBuilder(
                mvn(),
                "-B",
                "-q",
                // Offline, except for file: repositories: the settings mirror every remote to the
                // user's local repository, so plugins and libraries come from there and nothing
                // from the network.
                "-o",
                "-Daether.offline.protocols=file",
                "-s",
                repo.settings().toString(),
                "-Dmaven.repo.local=" + repo.repository(),
                "compile",
                "exec:java")
            .directory(project.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    Map<String, String> env = pb.environment();
    env.keySet().removeIf(ConsumerProjectIT::pointsAtADatabase);
    env.put("SQL_URL", "sqlite:///" + work.resolve("books.db"));
    env.put("PORT", String.valueOf(port));
    env.put("SVC_INFRA_SECRETS_DIR", work.resolve("no-secrets").toString());
    Process service = pb.start();
    try {
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
      URI books = URI.create("http://127.0.0.1:" + port + "/books");
      assertThat(waitUntilServing(service, http, books))
          .as(
              "the consumer service answered within %s; its build and log:%n%s",
              BUILD_AND_START, read(log))
          .isTrue();

      HttpResponse<String> created =
          http.send(
              HttpRequest.newBuilder(books)
                  .header("content-type", "application/json")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          "{\"title\":\"Dune\",\"author\":\"Frank Herbert\"}"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      assertThat(created.body()).contains("\"title\":\"Dune\"");
      String location = created.headers().firstValue("Location").orElseThrow();

      HttpResponse<String> read =
          http.send(
              HttpRequest.newBuilder(books.resolve(location)).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
      assertThat(read.body()).contains("\"author\":\"Frank Herbert\"");
      assertThat(work.resolve("books.db")).exists();
    } finally {
      stop(service);
    }
  }

  private static boolean waitUntilServing(Process service, HttpClient http, URI books)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(BUILD_AND_START);
    while (Instant.now().isBefore(deadline) && service.isAlive()) {
      try {
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(books).timeout(Duration.ofSeconds(2)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return true;
        }
      } catch (IOException notYet) {
        // the build is still running or the server is not listening yet
      }
      Thread.sleep(500);
    }
    return false;
  }

  /** Maven of the build running this test, else the one on the PATH. */
  private static String mvn() {
    String home = System.getProperty("it.mavenHome");
    if (home != null && Files.isExecutable(Path.of(home, "bin", "mvn"))) {
      return Path.of(home, "bin", "mvn").toString();
    }
    return "mvn";
  }

  /** Variables that would point the service at another database than the test's file. */
  private static boolean pointsAtADatabase(String name) {
    return name.startsWith("SQL_")
        || name.startsWith("DB_")
        || name.startsWith("DATABASE_")
        || name.startsWith("PRIVATE_SQL")
        || name.startsWith("ALEMBIC_")
        || name.equals("MAVEN_OPTS");
  }

  private static void stop(Process service) throws InterruptedException {
    List<ProcessHandle> tree = new ArrayList<>(service.descendants().toList());
    service.destroy();
    tree.forEach(ProcessHandle::destroy);
    if (!service.waitFor(10, TimeUnit.SECONDS)) {
      service.destroyForcibly();
      tree.forEach(ProcessHandle::destroyForcibly);
      service.waitFor(10, TimeUnit.SECONDS);
    }
  }

  private static String read(Path log) throws IOException {
    return Files.exists(log) ? Files.readString(log) : "(no output)";
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
