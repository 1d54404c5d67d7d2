package dev.svcinfra.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.svcinfra.testing.TestServices;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A refused connection or a rejected login is reported with the driver's reason within 2 s, as
 * {@code psql} does, instead of after the connect timeout (10 s by default; issue 19).
 */
class FastConnectionFailureTest {
  static final Duration LIMIT = Duration.ofSeconds(2);

  @TempDir Path project;

  @Test
  void aClosedPortIsReportedAtOnce() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Timed run = current("postgresql://postgres@127.0.0.1:" + port + "/app?sslmode=disable");
    assertThat(run.cli.status()).as(run.cli.err()).isEqualTo(SvcInfraCli.FAILURE);
    assertThat(run.cli.err())
        .contains("cannot connect to postgresql://postgres@127.0.0.1:" + port)
        .contains("refused");
    assertThat(run.elapsed).isLessThan(LIMIT);
  }

  @Test
  void aRoleThePostgresServerDoesNotKnowIsReportedAtOnce() throws Exception {
    int port = TestServices.postgresPort();
    Timed run =
        current(
            "postgresql://no_such_role_svcinfra@127.0.0.1:" + port + "/postgres?sslmode=disable");
    assertThat(run.cli.status()).as(run.cli.err()).isEqualTo(SvcInfraCli.FAILURE);
    assertThat(run.cli.err())
        .contains("role \"no_such_role_svcinfra\" does not exist")
        .contains("[SQLState 28000]");
    assertThat(run.elapsed).isLessThan(LIMIT);
  }

  @Test
  void aUserTheMariadbServerRejectsIsReportedAtOnce() throws Exception {
    String url =
        TestServices.mariadbUrl().replace("mariadb://root@", "mariadb://no_such_user_svcinfra@");
    Timed run = current(url);
    assertThat(run.cli.status()).as(run.cli.err()).isEqualTo(SvcInfraCli.FAILURE);
    assertThat(run.cli.err()).contains("Access denied for user 'no_such_user_svcinfra'");
    assertThat(run.elapsed).isLessThan(LIMIT);
  }

  private Timed current(String url) {
    String location = project.resolve("migrations").toString();
    CliRun init = CliRun.of(Map.of(), "sql", "init", "--script-location", location);
    assertThat(init.status()).as(init.err()).isZero();
    // The first run in this JVM loads the driver's and the pool's classes, seconds on a busy
    // machine; what is measured is how long the failure takes to be reported, so warm up first.
    CliRun.of(Map.of(), "sql", "current", "--database-url", url, "--script-location", location);
    long start = System.nanoTime();
    CliRun cli =
        CliRun.of(Map.of(), "sql", "current", "--database-url", url, "--script-location", location);
    return new Timed(cli, Duration.ofNanos(System.nanoTime() - start));
  }

  private record Timed(CliRun cli, Duration elapsed) {}
}
