package dev.svcinfra.examples.quickstart;

import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.svcinfra.testing.TestServices;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * Headless Chromium driven through chromedriver's W3C WebDriver HTTP API: navigate, run a script,
 * close. Needs the Debian packages {@code chromium} and {@code chromium-driver}. Without them the
 * test is skipped with the install command, like the tests that need MariaDB or Redis; where
 * Chromium is required ({@code CI=true}, or {@code chromium} in {@code SVC_INFRA_TEST_REQUIRE}) it
 * fails instead.
 */
final class HeadlessChromium implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path DRIVER = Path.of("/usr/bin/chromedriver");
  private static final Path BROWSER = Path.of("/usr/bin/chromium");

  private final HttpClient client = HttpClient.newHttpClient();
  private final Process driver;
  private final Path profile;
  private final String session;

  HeadlessChromium() throws IOException, InterruptedException {
    if (!Files.isExecutable(DRIVER) || !Files.isExecutable(BROWSER)) {
      String why = "headless Chromium is missing: apt-get install -y chromium chromium-driver";
      if (TestServices.required("chromium")) {
        fail(why + " (required by CI or SVC_INFRA_TEST_REQUIRE)");
      }
      Assumptions.abort(why + "; test skipped outside CI");
    }
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    profile = Files.createTempDirectory("chromium-profile");
    driver =
        new ProcessBuilder(DRIVER.toString(), "--port=" + port)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    String base = "http://127.0.0.1:" + port;
    waitForDriver(base);
    ObjectNode caps = JSON.createObjectNode();
    ObjectNode chrome =
        caps.putObject("capabilities")
            .putObject("alwaysMatch")
            .put("browserName", "chrome")
            .putObject("goog:chromeOptions")
            .put("binary", BROWSER.toString());
    List.of(
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
            "--user-data-dir=" + profile)
        .forEach(chrome.withArray("args")::add);
    JsonNode created = call("POST", base + "/session", caps);
    session = base + "/session/" + created.path("value").path("sessionId").asText();
  }

  void open(String url) throws IOException, InterruptedException {
    call("POST", session + "/url", JSON.createObjectNode().put("url", url));
  }

  /** Runs a synchronous script in the page and returns its value. */
  JsonNode script(String js) throws IOException, InterruptedException {
    ObjectNode body = JSON.createObjectNode().put("script", js);
    body.putArray("args");
    return call("POST", session + "/execute/sync", body).path("value");
  }

  /** Polls {@code js} until it returns true or the timeout passes. */
  boolean waitFor(String js, Duration timeout) throws IOException, InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < end) {
      if (script(js).asBoolean(false)) {
        return true;
      }
      Thread.sleep(100);
    }
    return false;
  }

  private JsonNode call(String method, String url, JsonNode body)
      throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60));
    b.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    b.header("Content-Type", "application/json");
    HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException(
          "WebDriver " + method + " " + url + ": " + r.statusCode() + " " + r.body());
    }
    return JSON.readTree(r.body());
  }

  private void waitForDriver(String base) throws InterruptedException {
    for (int i = 0; i < 100; i++) {
      try {
        HttpResponse<String> r =
            client.send(
                HttpRequest.newBuilder(URI.create(base + "/status")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // chromedriver is still starting
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("chromedriver did not start");
  }

  @Override
  public void close() throws IOException, InterruptedException {
    try {
      if (session != null) {
        call("DELETE", session, null);
      }
    } finally {
      driver.destroy();
      driver.waitFor();
      try (var files = Files.walk(profile)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
