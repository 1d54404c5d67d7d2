package dev.svcinfra.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TcpAndHttpCheckTest {
  private HttpServer server;
  private String base;

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/ok",
        exchange -> {
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    server.createContext(
        "/down",
        exchange -> {
          exchange.sendResponseHeaders(503, -1);
          exchange.close();
        });
    server.createContext(
        "/teapot",
        exchange -> {
          exchange.sendResponseHeaders(418, -1);
          exchange.close();
        });
    server.start();
    base = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void tcpPortThatAcceptsIsHealthy() {
    assertThat(TcpCheck.of("127.0.0.1", server.getAddress().getPort()).check().status())
        .isEqualTo(HealthStatus.HEALTHY);
  }

  @Test
  void closedTcpPortIsUnhealthy() throws Exception {
    int port = SilentServer.closedPort();

    CheckResult result = TcpCheck.of("127.0.0.1", port).check();

    assertThat(result.status()).isEqualTo(HealthStatus.UNHEALTHY);
    assertThat(result.message().orElseThrow()).startsWith("cannot connect to 127.0.0.1:" + port);
  }

  @Test
  void tcpCheckRejectsBadPorts() {
    assertThatThrownBy(() -> TcpCheck.of("db", 0))
        .isInstanceOf(HealthException.class)
        .hasMessageContaining("1..65535");
  }

  @Test
  void httpCheckAccepts2xxByDefault() throws Exception {
    CheckResult result = HttpCheck.of(base + "/ok").check();

    assertThat(result.status()).isEqualTo(HealthStatus.HEALTHY);
    assertThat(result.details()).containsEntry("http_status", 200);
  }

  @Test
  void httpCheckReportsAnUnexpectedStatusWithoutUserInfo() throws Exception {
    String url = base.replace("http://", "http://ops:Sup3rSecretPw@") + "/down";

    CheckResult result = HttpCheck.of(url).check();

    assertThat(result.status()).isEqualTo(HealthStatus.UNHEALTHY);
    assertThat(result.message().orElseThrow())
        .isEqualTo("GET " + base + "/down answered 503, expected 2xx")
        .doesNotContain("Sup3rSecretPw");
  }

  @Test
  void httpCheckWithAnExpectedStatus() throws Exception {
    assertThat(HttpCheck.of(base + "/teapot").expectStatus(418).check().status())
        .isEqualTo(HealthStatus.HEALTHY);
    assertThat(HttpCheck.of(base + "/ok").expectStatus(204).check().message().orElseThrow())
        .contains("answered 200, expected 204");
  }

  @Test
  void httpCheckOnAClosedPortAndASilentServer() throws Exception {
    int closed = SilentServer.closedPort();
    CheckResult refused = HttpCheck.of("http://127.0.0.1:" + closed + "/").check();
    assertThat(refused.status()).isEqualTo(HealthStatus.UNHEALTHY);
    assertThat(refused.message().orElseThrow())
        .startsWith("GET http://127.0.0.1:" + closed + "/ failed");

    try (SilentServer silent = new SilentServer()) {
      long begin = System.nanoTime();
      CheckResult hanging =
          HttpCheck.of("http://127.0.0.1:" + silent.port() + "/")
              .withTimeout(Duration.ofMillis(500))
              .check();
      long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - begin);

      assertThat(hanging.status()).isEqualTo(HealthStatus.UNHEALTHY);
      assertThat(hanging.message().orElseThrow()).contains("did not answer within 500 ms");
      assertThat(elapsedMs).isLessThan(2_000);
    }
  }

  @Test
  void httpCheckRejectsOtherSchemes() {
    assertThatThrownBy(() -> HttpCheck.of("ftp://host/"))
        .isInstanceOf(HealthException.class)
        .hasMessageContaining("http:// or https://");
  }
}
