package dev.svcinfra.reliability;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sends a request with a body over a new plain socket, reading the answer while the body is still
 * being written. A server may answer from the headers alone (413, 404) and close the connection;
 * the JDK client then reports a broken pipe and loses the answer (or reuses the closed connection),
 * as HTTP/1.1 clients that read only after writing do. This one keeps the answer, and decodes a
 * chunked one.
 *
 * <pre>{@code
 * Http.Reply r = SocketSender.send(port, "POST", "/users", hugeJson, "X-Tenant-Id", "t1");
 * }</pre>
 *
 * @since 0.1
 */
final class SocketSender {
  private SocketSender() {}

  static Http.Reply send(int port, String method, String path, String body, String... headers) {
    long start = System.nanoTime();
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    StringBuilder head =
        new StringBuilder(
            method
                + " "
                + path
                + " HTTP/1.1\r\n"
                + "Host: 127.0.0.1:"
                + port
                + "\r\nConnection: close\r\nContent-Length: "
                + bytes.length
                + "\r\n");
    boolean typed = false;
    for (int i = 0; i < headers.length; i += 2) {
      head.append(headers[i]).append(": ").append(headers[i + 1]).append("\r\n");
      typed |= headers[i].equalsIgnoreCase("Content-Type");
    }
    if (!typed) {
      head.append("Content-Type: application/json\r\n");
    }
    head.append("\r\n");
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      Thread writer =
          new Thread(
              () -> {
                try {
                  out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
                  out.write(bytes);
                  out.flush();
                } catch (IOException closedEarly) {
                  // The server answered from the headers and closed: its answer is what counts.
                }
              },
              "large-body-writer");
      writer.start();
      byte[] response = readUntilClosed(socket.getInputStream());
      writer.join(30_000);
      return parse(response, Duration.ofNanos(System.nanoTime() - start));
    } catch (IOException e) {
      throw new UncheckedIOException(method + " " + path + " (large body) failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static byte[] readUntilClosed(InputStream in) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    try {
      for (int n; (n = in.read(buffer)) >= 0; ) {
        all.write(buffer, 0, n);
      }
    } catch (IOException reset) {
      if (all.size() == 0) {
        throw reset;
      }
    }
    return all.toByteArray();
  }

  private static Http.Reply parse(byte[] response, Duration latency) throws IOException {
    String text = new String(response, StandardCharsets.UTF_8);
    int end = text.indexOf("\r\n\r\n");
    if (!text.startsWith("HTTP/1.1 ") || end < 0) {
      throw new IOException("not an HTTP response: " + text);
    }
    String[] lines = text.substring(0, end).split("\r\n");
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers
          .computeIfAbsent(lines[i].substring(0, colon).trim(), k -> new ArrayList<>())
          .add(lines[i].substring(colon + 1).trim());
    }
    String body = text.substring(end + 4);
    if (headers.getOrDefault("Transfer-Encoding", List.of()).contains("chunked")) {
      body = dechunk(body);
    }
    return new Http.Reply(Integer.parseInt(lines[0].substring(9, 12)), body, headers, latency);
  }

  /** Chunk sizes count bytes; the body is ASCII JSON or UTF-8, decoded byte-exact here. */
  private static String dechunk(String chunked) {
    byte[] in = chunked.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int i = 0;
    while (i < in.length) {
      int lineEnd = indexOf(in, i);
      if (lineEnd < 0) {
        break;
      }
      String size = new String(in, i, lineEnd - i, StandardCharsets.ISO_8859_1).split(";")[0];
      int n = Integer.parseInt(size.trim(), 16);
      if (n == 0) {
        break;
      }
      out.write(in, lineEnd + 2, Math.min(n, in.length - lineEnd - 2));
      i = lineEnd + 2 + n + 2;
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static int indexOf(byte[] in, int from) {
    for (int i = from; i + 1 < in.length; i++) {
      if (in[i] == '\r' && in[i + 1] == '\n') {
        return i;
      }
    }
    return -1;
  }
}
