package dev.svcinfra.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Forwards a loopback port to another loopback port, byte for byte, until closed: a database that
 * "comes back" at a fixed address when the forwarder starts, and "goes away" (every connection cut)
 * when it closes.
 *
 * <pre>{@code
 * try (TcpForwarder up = TcpForwarder.start(port, 5432)) { ... }
 * }</pre>
 */
public final class TcpForwarder implements AutoCloseable {
  private final ServerSocket server;
  private final int target;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();

  private TcpForwarder(ServerSocket server, int target) {
    this.server = server;
    this.target = target;
    Thread acceptor = new Thread(this::accept, "tcp-forwarder-" + server.getLocalPort());
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** Listens on {@code port} of 127.0.0.1 (0 for any free port) and forwards to {@code target}. */
  public static TcpForwarder start(int port, int target) throws IOException {
    ServerSocket server = new ServerSocket();
    server.setReuseAddress(true);
    server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
    return new TcpForwarder(server, target);
  }

  public int port() {
    return server.getLocalPort();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
        // Small packets pass at once, as between a driver and its server.
        client.setTcpNoDelay(true);
        upstream.setTcpNoDelay(true);
        sockets.add(client);
        sockets.add(upstream);
        pump(client, upstream);
        pump(upstream, client);
      } catch (IOException e) {
        return;
      }
    }
  }

  private void pump(Socket from, Socket to) {
    Thread t =
        new Thread(
            () -> {
              byte[] buffer = new byte[8192];
              try (InputStream in = from.getInputStream();
                  OutputStream out = to.getOutputStream()) {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                  out.write(buffer, 0, n);
                  out.flush();
                }
              } catch (IOException e) {
                // The other side closed, or the forwarder did.
              } finally {
                closeQuietly(from);
                closeQuietly(to);
              }
            },
            "tcp-forwarder-pump");
    t.setDaemon(true);
    t.start();
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException ignored) {
      // Already closed.
    }
  }

  /** Stops listening and cuts every forwarded connection. */
  @Override
  public void close() throws IOException {
    server.close();
    sockets.forEach(TcpForwarder::closeQuietly);
  }
}
