package dev.svcinfra.testing;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback TCP relay in front of a PostgreSQL server that reads what clients send: each batch of
 * frontend messages up to a Sync (one round trip of the extended protocol) or one simple Query,
 * with the SQL of the statements it executes (those it binds, and simple queries). Tests use it to
 * see at the wire which statements a request sent (a BEGIN, a COMMIT) and in how many round trips.
 *
 * <pre>{@code
 * try (PostgresWireTap tap = PostgresWireTap.start(TestServices.postgresPort())) {
 *   Database db = Database.open(tap.url(TestServices.newPostgresDatabase()));
 *   tap.clear(); ...; assertThat(tap.roundTrips()).hasSize(1);
 * }
 * }</pre>
 */
public final class PostgresWireTap implements AutoCloseable {
  private static final int SSL_REQUEST = 80877103;
  private static final int GSS_REQUEST = 80877104;
  private static final int CANCEL_REQUEST = 80877102;

  /** Marks the SQL of a round trip that only prepared a statement, executing nothing. */
  public static final String DESCRIBE = "describe: ";

  private final ServerSocket server;
  private final int target;
  private final List<List<String>> batches = new CopyOnWriteArrayList<>();
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();

  private PostgresWireTap(ServerSocket server, int target) {
    this.server = server;
    this.target = target;
  }

  /** A relay on a free loopback port to the server on {@code targetPort} of 127.0.0.1. */
  public static PostgresWireTap start(int targetPort) throws IOException {
    ServerSocket s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    PostgresWireTap tap = new PostgresWireTap(s, targetPort);
    Thread accept = new Thread(tap::accept, "wire-tap-accept");
    accept.setDaemon(true);
    accept.start();
    return tap;
  }

  /** {@code url} (a {@code postgresql://} URL of the target server) pointed at the relay. */
  public String url(String url) {
    return url.replaceFirst(":" + target + "/", ":" + server.getLocalPort() + "/");
  }

  /** Forgets what was seen so far. */
  public void clear() {
    batches.clear();
  }

  /**
   * The round trips seen since the last {@link #clear()}, each the SQL texts it executed in order,
   * or those it only prepared marked with {@link #DESCRIBE}; connection checks (empty statements)
   * are left out.
   */
  public List<List<String>> roundTrips() {
    List<List<String>> out = new ArrayList<>();
    for (List<String> b : batches) {
      if (!b.isEmpty() && !b.stream().allMatch(String::isEmpty)) {
        out.add(b);
      }
    }
    return out;
  }

  /** Every SQL text seen since the last {@link #clear()}, in order. */
  public List<String> statements() {
    return roundTrips().stream().flatMap(List::stream).toList();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
        sockets.add(client);
        sockets.add(upstream);
        daemon(() -> copy(upstream.getInputStream(), client.getOutputStream()));
        daemon(() -> frontend(client.getInputStream(), upstream.getOutputStream()));
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private interface Relay {
    void run() throws IOException;
  }

  private void daemon(Relay relay) {
    Thread t =
        new Thread(
            () -> {
              try {
                relay.run();
              } catch (IOException e) {
                // The peer closed: the other direction ends when its socket does.
              }
            },
            "wire-tap-relay");
    t.setDaemon(true);
    t.start();
  }

  private static void copy(InputStream in, OutputStream out) throws IOException {
    byte[] buf = new byte[16384];
    int n;
    while ((n = in.read(buf)) >= 0) {
      out.write(buf, 0, n);
      out.flush();
    }
    out.close();
  }

  /** Relays the client's messages, recording the SQL of each round trip. */
  private void frontend(InputStream raw, OutputStream out) throws IOException {
    DataInputStream in = new DataInputStream(raw);
    try {
      // Untyped messages first: SSL or GSS requests (answered with one byte), then the startup.
      while (true) {
        int length = in.readInt();
        byte[] body = new byte[length - 4];
        in.readFully(body);
        writeUntyped(out, length, body);
        int code =
            ((body[0] & 0xff) << 24)
                | ((body[1] & 0xff) << 16)
                | ((body[2] & 0xff) << 8)
                | (body[3] & 0xff);
        if (code == CANCEL_REQUEST) {
          return;
        }
        if (code != SSL_REQUEST && code != GSS_REQUEST) {
          break;
        }
      }
      List<String> batch = new ArrayList<>();
      // Drivers name the statements they use often (pgjdbc after a few uses) and then only bind
      // them by name: the SQL of a Bind is that of the Parse it names.
      Map<String, String> named = new HashMap<>();
      List<String> parsed = new ArrayList<>();
      while (true) {
        int type = in.read();
        if (type < 0) {
          return;
        }
        int length = in.readInt();
        byte[] body = new byte[length - 4];
        in.readFully(body);
        switch (type) {
          case 'P' -> {
            String sql = cString(body, cStringEnd(body, 0) + 1);
            named.put(cString(body, 0), sql);
            parsed.add(sql);
          }
          case 'B' -> batch.add(named.getOrDefault(cString(body, cStringEnd(body, 0) + 1), "?"));
          case 'Q' -> {
            batch.add(cString(body, 0));
            batches.add(List.copyOf(batch));
            batch.clear();
          }
          case 'S' -> {
            if (batch.isEmpty()) {
              // A round trip that only prepares (Parse and Describe, as pgjdbc does before it
              // names a statement) still costs a round trip: it is kept, marked.
              parsed.forEach(sql -> batch.add(DESCRIBE + sql));
            }
            batches.add(List.copyOf(batch));
            batch.clear();
            parsed.clear();
          }
          default -> {
            // Describe, Execute, Close, Flush, Terminate: relayed as they are.
          }
        }
        out.write(type);
        writeUntyped(out, length, body);
      }
    } catch (EOFException | SocketException e) {
      out.close();
    }
  }

  private static void writeUntyped(OutputStream out, int length, byte[] body) throws IOException {
    out.write(new byte[] {(byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8)});
    out.write(length);
    out.write(body);
    out.flush();
  }

  private static int cStringEnd(byte[] body, int from) {
    int i = from;
    while (body[i] != 0) {
      i++;
    }
    return i;
  }

  private static String cString(byte[] body, int from) {
    return new String(body, from, cStringEnd(body, from) - from, StandardCharsets.UTF_8);
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket s : sockets) {
      s.close();
    }
  }
}
