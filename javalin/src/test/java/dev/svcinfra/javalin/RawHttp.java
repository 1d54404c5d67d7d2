package dev.svcinfra.javalin;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One request written byte for byte on a new socket, as no client library would send it (duplicate
 * headers, a body shorter than its length, broken chunks), and the raw answer.
 */
record RawHttp(String head, String body) {
  static RawHttp send(int port, String request) throws Exception {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      out.write(request.getBytes(StandardCharsets.UTF_8));
      out.flush();
      s.shutdownOutput();
      InputStream in = s.getInputStream();
      String all = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      int end = all.indexOf("\r\n\r\n");
      return end < 0
          ? new RawHttp(all, "")
          : new RawHttp(all.substring(0, end), all.substring(end + 4));
    }
  }

  int status() {
    return Integer.parseInt(head.substring(9, 12));
  }

  /** The first value of a header, or null. */
  String header(String name) {
    for (String line : head.split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon > 0
          && line.substring(0, colon)
              .trim()
              .toLowerCase(Locale.ROOT)
              .equals(name.toLowerCase(Locale.ROOT))) {
        return line.substring(colon + 1).trim();
      }
    }
    return null;
  }
}
