package dev.svcinfra.health;

import dev.svcinfra.ErrorCode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;

/**
 * Checks that a TCP port accepts connections within the timeout: for dependencies without a
 * protocol check of their own (a message broker, an SMTP relay).
 *
 * <pre>{@code
 * registry.add("broker", TcpCheck.of("rabbitmq", 5672), false);
 * }</pre>
 *
 * @since 0.1
 */
public final class TcpCheck implements HealthCheck {
  /** The default connect bound. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3);

  private final String host;
  private final int port;
  private final Duration timeout;

  private TcpCheck(String host, int port, Duration timeout) {
    if (host == null || host.isBlank()) {
      throw new HealthException(ErrorCode.HEALTH_CHECK_INVALID, "the TCP check needs a host");
    }
    if (port < 1 || port > 65_535) {
      throw new HealthException(
          ErrorCode.HEALTH_CHECK_INVALID, "the TCP check's port must be 1..65535, got " + port);
    }
    if (timeout == null || timeout.isNegative() || timeout.isZero()) {
      throw new HealthException(
          ErrorCode.HEALTH_CHECK_INVALID,
          "the TCP check's timeout must be positive, got " + timeout);
    }
    this.host = host;
    this.port = port;
    this.timeout = timeout;
  }

  public static TcpCheck of(String host, int port) {
    return new TcpCheck(host, port, DEFAULT_TIMEOUT);
  }

  /** This check with another connect bound. */
  public TcpCheck withTimeout(Duration value) {
    return new TcpCheck(host, port, value);
  }

  @Override
  public CheckResult check() {
    String where = host + ":" + port;
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
      return CheckResult.healthy();
    } catch (SocketTimeoutException e) {
      return CheckResult.unhealthy(
          "cannot connect to " + where + " within " + timeout.toMillis() + " ms");
    } catch (IOException e) {
      return CheckResult.unhealthy(
          "cannot connect to "
              + where
              + ": "
              + (e.getMessage() == null ? "no reason given" : SecretMask.apply(e.getMessage())));
    }
  }

  @Override
  public String toString() {
    return "TcpCheck[" + host + ":" + port + "]";
  }
}
