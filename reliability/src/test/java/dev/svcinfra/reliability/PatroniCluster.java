package dev.svcinfra.reliability;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A private two-node Patroni cluster with one etcd, all on loopback ports under a temporary
 * directory (packages {@code patroni} and {@code etcd-server}). Patroni runs PostgreSQL as the
 * {@code postgres} user; {@link #killLeader()} simulates a node crash: {@code kill -9} of the
 * leader's Patroni and of its postmaster and backends. Closing the cluster ends every process it
 * started, by handle.
 *
 * <pre>{@code
 * try (PatroniCluster c = PatroniCluster.start()) { String url = c.url(); c.killLeader(); }
 * }</pre>
 */
final class PatroniCluster implements AutoCloseable {
  /** Leader key time-to-live: how long a crashed leader goes unnoticed at most. */
  static final int TTL_S = 10;

  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

  /** One Patroni member: its PostgreSQL and REST ports and its process tree. */
  final class Member {
    final String name;
    final int pgPort;
    final int restPort;
    final Path dir;
    Process process;

    Member(String name) throws IOException {
      this.name = name;
      this.pgPort = PostgresServer.freePort();
      this.restPort = PostgresServer.freePort();
      this.dir = root.resolve(name);
    }

    String hostPort() {
      return "127.0.0.1:" + pgPort;
    }

    /** Whether the REST API answers 200 on {@code path} ({@code /primary}, {@code /replica}). */
    boolean is(String path) {
      try {
        HttpResponse<Void> r =
            HTTP.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + restPort + path))
                    .timeout(Duration.ofSeconds(1))
                    .GET()
                    .build(),
                HttpResponse.BodyHandlers.discarding());
        return r.statusCode() == 200;
      } catch (IOException e) {
        return false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }

    /** Whether its PostgreSQL answers and takes writes. */
    boolean writable() {
      String jdbc =
          "jdbc:postgresql://127.0.0.1:"
              + pgPort
              + "/postgres?user=postgres&sslmode=disable&connectTimeout=1&socketTimeout=1";
      try (Connection c = DriverManager.getConnection(jdbc);
          Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("SELECT pg_is_in_recovery()")) {
        return rs.next() && !rs.getBoolean(1);
      } catch (SQLException e) {
        return false;
      }
    }

    List<String> column(String sql) throws SQLException {
      return Pg.forJdbc(
              "jdbc:postgresql://127.0.0.1:" + pgPort + "/postgres?user=postgres&sslmode=disable")
          .column(sql);
    }

    String log() {
      try {
        return Files.readString(root.resolve(name + ".log"));
      } catch (IOException e) {
        return "(no log: " + e + ")";
      }
    }

    private void start() throws IOException, InterruptedException {
      Files.createDirectories(dir);
      Path config = dir.resolve("patroni.yml");
      Files.writeString(config, config());
      // Patroni and PostgreSQL run as the server user: the configuration, data directory and
      // socket must be theirs to read and write.
      OsCommand.handOver(root);
      process =
          new ProcessBuilder(OsCommand.asServerUser("/usr/bin/patroni", config.toString()))
              .redirectErrorStream(true)
              .redirectOutput(root.resolve(name + ".log").toFile())
              .start();
      remember(process.toHandle());
    }

    private String config() {
      return String.join(
          "\n",
          "scope: svc-reliability",
          "name: " + name,
          "log: {level: WARNING}",
          "restapi:",
          "  listen: 127.0.0.1:" + restPort,
          "  connect_address: 127.0.0.1:" + restPort,
          "etcd:",
          "  host: 127.0.0.1:" + etcdClientPort,
          "bootstrap:",
          "  dcs:",
          "    ttl: " + TTL_S,
          "    loop_wait: 1",
          "    retry_timeout: 4",
          "    maximum_lag_on_failover: 1048576",
          "    postgresql:",
          "      use_pg_rewind: false",
          "      use_slots: true",
          "      parameters: {fsync: 'off', max_connections: 100, wal_keep_size: 64MB}",
          "  initdb: [{encoding: UTF8}, {auth: trust}]",
          "postgresql:",
          "  listen: 127.0.0.1:" + pgPort,
          "  connect_address: 127.0.0.1:" + pgPort,
          "  data_dir: " + dir.resolve("data"),
          "  bin_dir: " + bin,
          "  pgpass: " + dir.resolve("pgpass"),
          "  authentication:",
          "    superuser: {username: postgres}",
          "    replication: {username: postgres}",
          "  parameters: {unix_socket_directories: '" + dir + "'}",
          "  pg_hba:",
          "    - host all all 127.0.0.1/32 trust",
          "    - host replication all 127.0.0.1/32 trust",
          "");
    }

    /** Whether Patroni still runs; a member that exited fails the wait at once. */
    boolean alive() {
      if (!process.isAlive()) {
        throw new IllegalStateException(name + " exited with " + process.exitValue());
      }
      return true;
    }

    /** {@code kill -9} of Patroni, its postmaster and every backend. */
    void crash() throws IOException {
      ProcessHandle h = process.toHandle();
      List<ProcessHandle> all = new ArrayList<>(h.descendants().toList());
      all.add(0, h);
      // Patroni starts the postmaster detached from itself: find it by its pid file. Killing
      // Patroni alone would leave a primary that still takes writes.
      postmaster()
          .ifPresent(
              pm -> {
                all.add(pm);
                all.addAll(pm.descendants().toList());
              });
      all.forEach(PatroniCluster.this::remember);
      all.forEach(ProcessHandle::destroyForcibly);
    }

    Optional<ProcessHandle> postmaster() throws IOException {
      Path pid = dir.resolve("data").resolve("postmaster.pid");
      if (!Files.exists(pid)) {
        return Optional.empty();
      }
      return ProcessHandle.of(Long.parseLong(Files.readAllLines(pid).get(0).trim()));
    }
  }

  private final Path root;
  private final Path bin;
  private final int etcdClientPort;
  private final int etcdPeerPort;
  private final List<ProcessHandle> started = new ArrayList<>();
  private final List<Member> members = new ArrayList<>();
  private final Thread cleanup = new Thread(this::stopAll, "patroni-cluster-cleanup");
  private Process etcd;

  private PatroniCluster(Path root, Path bin) throws IOException {
    this.root = root;
    this.bin = bin;
    this.etcdClientPort = PostgresServer.freePort();
    this.etcdPeerPort = PostgresServer.freePort();
    Runtime.getRuntime().addShutdownHook(cleanup);
  }

  /**
   * Fails when Patroni or etcd is missing and {@code SVC_INFRA_TEST_REQUIRE} names {@code patroni}
   * (CI), skips the test with a message otherwise.
   */
  static void requireInstalled() {
    boolean patroni = Files.isExecutable(Path.of("/usr/bin/patroni"));
    boolean etcd =
        Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
            .anyMatch(d -> !d.isEmpty() && Files.isExecutable(Path.of(d, "etcd")));
    if (patroni && etcd) {
      return;
    }
    String why = "Patroni and etcd are needed (apt-get install patroni etcd-server)";
    if (dev.svcinfra.testing.TestServices.required("patroni")) {
      org.junit.jupiter.api.Assertions.fail(why + "; SVC_INFRA_TEST_REQUIRE names patroni");
    }
    org.junit.jupiter.api.Assumptions.abort(why + "; test skipped");
  }

  /** Starts etcd, the first member until it leads, the second until it replicates. */
  static PatroniCluster start() throws Exception {
    Path root = Files.createTempDirectory("svc-reliability-patroni");
    PatroniCluster c = new PatroniCluster(root, PgNode.serverBin());
    try {
      c.startEtcd();
      Member a = c.member("pa");
      a.start();
      c.await(() -> a.alive() && a.is("/primary") && a.writable(), "pa to lead");
      Member b = c.member("pb");
      b.start();
      c.await(() -> b.alive() && b.is("/replica"), "pb to replicate");
      return c;
    } catch (Exception e) {
      String logs = c.logs();
      c.close();
      throw new IllegalStateException("the Patroni cluster did not start:\n" + logs, e);
    }
  }

  private Member member(String name) throws IOException {
    Member m = new Member(name);
    members.add(m);
    return m;
  }

  private void startEtcd() throws Exception {
    Path data = root.resolve("etcd");
    String client = "http://127.0.0.1:" + etcdClientPort;
    String peer = "http://127.0.0.1:" + etcdPeerPort;
    etcd =
        new ProcessBuilder(
                "etcd",
                "--name",
                "e1",
                "--data-dir",
                data.toString(),
                "--listen-client-urls",
                client,
                "--advertise-client-urls",
                client,
                "--listen-peer-urls",
                peer,
                "--initial-advertise-peer-urls",
                peer,
                "--initial-cluster",
                "e1=" + peer,
                "--enable-v2=true")
            .redirectErrorStream(true)
            .redirectOutput(root.resolve("etcd.log").toFile())
            .start();
    remember(etcd.toHandle());
    await(() -> httpOk(client + "/health"), "etcd to answer");
  }

  /** The members' PostgreSQL servers as a multi-host list: {@code 127.0.0.1:p1,127.0.0.1:p2}. */
  String hosts() {
    return String.join(",", members.stream().map(Member::hostPort).toList());
  }

  /** The member that leads now. */
  Member leader() {
    return members.stream()
        .filter(m -> m.is("/primary"))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no leader"));
  }

  List<Member> members() {
    return members;
  }

  /** Crashes the leader and returns the other member. */
  Member killLeader() throws IOException {
    Member leader = leader();
    leader.crash();
    return members.stream().filter(m -> m != leader).findFirst().orElseThrow();
  }

  String logs() {
    StringBuilder out = new StringBuilder();
    try (Stream<Path> files = Files.list(root)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".log")).sorted().toList()) {
        String text = Files.readString(f);
        out.append("--- ").append(f.getFileName()).append('\n');
        out.append(text, Math.max(0, text.length() - 3000), text.length()).append('\n');
      }
    } catch (IOException e) {
      out.append("(cannot read logs: ").append(e).append(")");
    }
    return out.toString();
  }

  private synchronized void remember(ProcessHandle h) {
    if (!started.contains(h)) {
      started.add(h);
    }
  }

  private static boolean httpOk(String url) {
    try {
      return HTTP.send(
                  HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(1)).build(),
                  HttpResponse.BodyHandlers.discarding())
              .statusCode()
          == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private interface Condition {
    boolean holds() throws Exception;
  }

  private void await(Condition c, String what) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      if (c.holds()) {
        return;
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("waited " + WAIT.toSeconds() + " s for " + what);
  }

  /** Stops Patroni (which stops its PostgreSQL), then kills whatever of the tree is left. */
  private synchronized void stopAll() {
    for (Member m : members) {
      if (m.process != null && m.process.isAlive()) {
        m.process.toHandle().descendants().forEach(this::remember);
        // runuser passes SIGTERM on to Patroni, which stops its PostgreSQL.
        m.process.destroy();
      }
    }
    for (Member m : members) {
      if (m.process != null) {
        try {
          m.process.waitFor(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
    for (Member m : members) {
      if (m.process != null) {
        m.process.toHandle().descendants().forEach(this::remember);
      }
      try {
        m.postmaster()
            .ifPresent(
                pm -> {
                  remember(pm);
                  pm.descendants().forEach(this::remember);
                });
      } catch (IOException | RuntimeException e) {
        // No pid file: no server left for this member.
      }
    }
    started.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
  }

  @Override
  public void close() {
    stopAll();
    Teardown.removeHook(cleanup);
    Teardown.deleteTree(root);
  }
}
