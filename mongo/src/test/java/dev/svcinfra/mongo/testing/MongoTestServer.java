package dev.svcinfra.mongo.testing;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import dev.svcinfra.config.MongoSettings;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.UUID;

/**
 * An in-process MongoDB wire-protocol server (mongo-java-server, memory backend) on a free loopback
 * port. Each instance is private to the test that starts it, so tests running at the same time
 * never share data.
 *
 * <pre>{@code
 * try (MongoTestServer server = MongoTestServer.start()) {
 *   MongoSettings settings = server.settings();
 * }
 * }</pre>
 */
public final class MongoTestServer implements AutoCloseable {
  private final MongoServer server;
  private final String url;

  private MongoTestServer(MongoServer server, String url) {
    this.server = server;
    this.url = url;
  }

  public static MongoTestServer start() {
    MongoServer server = new MongoServer(new MemoryBackend());
    server.bind("127.0.0.1", 0);
    return new MongoTestServer(
        server,
        "mongodb://127.0.0.1:"
            + server.getLocalAddress().getPort()
            + "/?serverSelectionTimeoutMS=2000");
  }

  /** The connection string of this server. */
  public String url() {
    return url;
  }

  /** Settings for a fresh database on this server. */
  public MongoSettings settings() {
    return MongoSettings.of(
        url, "test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
  }

  /** A URL on which nothing listens, answering fast: for "server down" cases. */
  public static String unreachableUrl(int serverSelectionMillis) {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return "mongodb://127.0.0.1:"
        + port
        + "/?serverSelectionTimeoutMS="
        + serverSelectionMillis
        + "&connectTimeoutMS="
        + serverSelectionMillis;
  }

  @Override
  public void close() {
    server.shutdownNow();
  }
}
