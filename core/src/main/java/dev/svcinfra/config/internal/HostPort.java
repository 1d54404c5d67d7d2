package dev.svcinfra.config.internal;

import dev.svcinfra.ErrorCode;
import dev.svcinfra.config.ConfigException;
import java.util.Objects;

/**
 * One server address of a database URL; {@code port} is {@code null} when the URL leaves it to the
 * dialect's default.
 *
 * @since 0.1
 */
public record HostPort(String host, Integer port) {
  public HostPort {
    Objects.requireNonNull(host, "host");
    if (port != null && (port < 1 || port > 65535)) {
      throw new ConfigException(
          ErrorCode.INVALID_DATABASE_URL, "port " + port + " is outside 1..65535");
    }
  }

  /** {@code host:port}, with IPv6 literals in brackets. */
  public String render() {
    String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    return port == null ? h : h + ":" + port;
  }

  @Override
  public String toString() {
    return render();
  }
}
