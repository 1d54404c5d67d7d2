package dev.svcinfra.javalin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.svcinfra.sql.Database;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Requests Jetty refuses before routing (bad request line, bad URI encoding, ambiguous paths) still
 * answer problem+json, without Jetty's page, exception names or stack frames.
 */
class ServerErrorPagesTest {
  @TempDir Path dir;

  @Test
  void malformedRequestsGetProblemBodies() throws Exception {
    Database db = Database.open("sqlite:///" + dir.resolve("e.db").toAbsolutePath());
    try (TestApp t = new TestApp(sql -> sql.database = db, config -> {})) {
      for (String request :
          new String[] {
            "GET /%zz HTTP/1.1\r\nHost: x\r\n\r\n",
            "GET /a/%2e%2e/%2e%2e/b HTTP/1.1\r\nHost: x\r\n\r\n",
            "GARBAGE\r\n\r\n",
            "GET / HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n",
            // Jetty's default writes no body for these methods: an empty 431 is not a problem.
            "PATCH / HTTP/1.1\r\nHost: x\r\nX-Big: " + "x".repeat(20_000) + "\r\n\r\n",
            "DELETE / HTTP/1.1\r\nHost: x\r\nX-Big: " + "x".repeat(20_000) + "\r\n\r\n",
            "PUT /" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: x\r\n\r\n"
          }) {
        String response = raw(t.app.port(), request);
        assertThat(response).as(request).startsWith("HTTP/1.1 4");
        assertThat(response)
            .as(request)
            .contains("application/problem+json")
            .contains("\"status\":4")
            .doesNotContain("org.eclipse")
            .doesNotContain("Exception")
            .doesNotContain("<html");
      }
    }
  }

  private static String raw(int port, String request) throws Exception {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      s.setSoTimeout(5000);
      OutputStream out = s.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      s.shutdownOutput();
      InputStream in = s.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }
}
