package dev.svcinfra.health;

import dev.svcinfra.ErrorCode;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Checks Redis with {@code PING} over a fresh connection ({@code AUTH} first when the URL has a
 * password), expecting {@code PONG} within the timeout.
 *
 * <pre>{@code
 * registry.add("redis", RedisCheck.of("redis://:s3cret@cache:6379/0"), false);
 * registry.add("redis", RedisCheck.of("rediss://cache.example.com:6380").withTimeout(Duration.ofSeconds(1)));
 * }</pre>
 *
 * <p>It speaks the Redis protocol (RESP) itself instead of using a client library: a health check
 * needs two commands, and a client (Jedis, Lettuce) would add a connection pool or an event loop,
 * their own threads and timeouts to {@code core} for them. Owning the socket also lets the check
 * bound connecting and reading by its one timeout, so a server that accepts but never answers is
 * reported, not waited for. {@code rediss://} uses TLS with host name verification.
 *
 * @since 0.1
 */
public final class RedisCheck implements HealthCheck {
  /** The default bound of connect plus PING. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3);

  private static final int DEFAULT_PORT = 6379;
  private static final int MAX_REPLY = 1024;

  private final String host;
  private final int port;
  private final boolean tls;
  private final String user;
  private final String password;
  private final Duration timeout;

  private RedisCheck(
      String host, int port, boolean tls, String user, String password, Duration timeout) {
    this.host = host;
    this.port = port;
    this.tls = tls;
    this.user = user;
    this.password = password;
    if (timeout == null || timeout.isNegative() || timeout.isZero()) {
      throw new HealthException(
          ErrorCode.HEALTH_CHECK_INVALID,
          "the Redis check's timeout must be positive, got " + timeout);
    }
    this.timeout = timeout;
  }

  /**
   * A check of {@code redis://[[user]:password@]host[:port][/db]} or {@code rediss://...}.
   *
   * @throws HealthException {@code health_check_invalid} for another scheme or no host; the message
   *     never shows the password
   */
  public static RedisCheck of(String url) {
    URI uri;
    try {
      uri = new URI(url == null ? "" : url.trim());
    } catch (URISyntaxException e) {
      throw invalid("is not a valid URL");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("redis") && !scheme.equals("rediss")) {
      throw invalid("must start with redis:// or rediss://");
    }
    if (uri.getHost() == null) {
      throw invalid("names no host");
    }
    String user = null;
    String password = null;
    String info = uri.getUserInfo();
    if (info != null) {
      int colon = info.indexOf(':');
      user = colon < 0 ? info : info.substring(0, colon);
      password = colon < 0 ? null : info.substring(colon + 1);
      if (colon < 0) {
        // redis://secret@host is how several clients write a password without a user.
        password = user;
        user = null;
      }
    }
    return new RedisCheck(
        uri.getHost(),
        uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort(),
        scheme.equals("rediss"),
        blankToNull(user),
        blankToNull(password),
        DEFAULT_TIMEOUT);
  }

  private static HealthException invalid(String why) {
    return new HealthException(ErrorCode.HEALTH_CHECK_INVALID, "the Redis URL " + why);
  }

  private static String blankToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }

  /** This check with another bound for connect plus PING. */
  public RedisCheck withTimeout(Duration value) {
    return new RedisCheck(host, port, tls, user, password, value);
  }

  @Override
  public CheckResult check() {
    String where = "redis " + host + ":" + port;
    long deadline = System.nanoTime() + timeout.toNanos();
    try (Socket socket = open()) {
      try {
        socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
      } catch (SocketTimeoutException e) {
        return CheckResult.unhealthy(
            "cannot connect to " + where + " within " + timeout.toMillis() + " ms");
      } catch (IOException e) {
        return CheckResult.unhealthy("cannot connect to " + where + ": " + reason(e));
      }
      try {
        socket.setSoTimeout(remainingMillis(deadline));
        if (socket instanceof SSLSocket ssl) {
          ssl.startHandshake();
        }
        OutputStream out = socket.getOutputStream();
        InputStream in = socket.getInputStream();
        if (password != null) {
          List<String> auth = new ArrayList<>(List.of("AUTH"));
          if (user != null) {
            auth.add(user);
          }
          auth.add(password);
          String reply = call(out, in, socket, deadline, auth);
          if (!reply.startsWith("+")) {
            return answered(where, reply);
          }
        }
        String reply = call(out, in, socket, deadline, List.of("PING"));
        return reply.equals("+PONG") ? CheckResult.healthy() : answered(where, reply);
      } catch (SocketTimeoutException e) {
        return CheckResult.unhealthy(
            where + " did not answer within " + timeout.toMillis() + " ms");
      } catch (IOException e) {
        return CheckResult.unhealthy(where + " failed: " + reason(e));
      }
    } catch (IOException e) {
      return CheckResult.unhealthy("cannot open a socket to " + where + ": " + reason(e));
    }
  }

  private Socket open() throws IOException {
    if (!tls) {
      return new Socket();
    }
    SSLSocket socket = (SSLSocket) SSLSocketFactory.getDefault().createSocket();
    SSLParameters parameters = socket.getSSLParameters();
    parameters.setEndpointIdentificationAlgorithm("HTTPS");
    socket.setSSLParameters(parameters);
    return socket;
  }

  /** Sends one command as a RESP array of bulk strings; answers the first reply line. */
  private static String call(
      OutputStream out, InputStream in, Socket socket, long deadline, List<String> command)
      throws IOException {
    ByteArrayOutputStream request = new ByteArrayOutputStream();
    request.writeBytes(("*" + command.size() + "\r\n").getBytes(StandardCharsets.US_ASCII));
    for (String arg : command) {
      byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
      request.writeBytes(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
      request.writeBytes(bytes);
      request.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
    }
    out.write(request.toByteArray());
    out.flush();
    socket.setSoTimeout(remainingMillis(deadline));
    return readLine(in);
  }

  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int previous = -1;
    while (line.size() < MAX_REPLY) {
      int b = in.read();
      if (b < 0) {
        throw new EOFException("the server closed the connection");
      }
      if (previous == '\r' && b == '\n') {
        byte[] bytes = line.toByteArray();
        return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
      }
      line.write(b);
      previous = b;
    }
    throw new IOException("the reply is longer than " + MAX_REPLY + " bytes");
  }

  private CheckResult answered(String where, String reply) {
    // An error reply ("-NOAUTH Authentication required.") is the server's text; it never
    // echoes the password.
    String text = reply.startsWith("-") ? reply.substring(1) : "unexpected reply " + reply;
    return CheckResult.unhealthy(SecretMask.apply(where + " answered: " + text, password));
  }

  private static int remainingMillis(long deadline) throws SocketTimeoutException {
    long left = (deadline - System.nanoTime()) / 1_000_000;
    if (left <= 0) {
      throw new SocketTimeoutException("deadline passed");
    }
    return (int) Math.min(Integer.MAX_VALUE, left);
  }

  private static String reason(IOException e) {
    return e.getMessage() == null ? "no reason given" : SecretMask.apply(e.getMessage());
  }

  /** Host and port only; never the password. */
  @Override
  public String toString() {
    return "RedisCheck[" + (tls ? "rediss" : "redis") + "://" + host + ":" + port + "]";
  }
}
