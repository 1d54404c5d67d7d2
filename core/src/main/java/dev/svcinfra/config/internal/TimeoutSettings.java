package dev.svcinfra.config.internal;

import dev.svcinfra.config.Env;
import java.time.Duration;
import java.util.Optional;

/**
 * Time limits: {@code DB_CONNECT_TIMEOUT} (seconds to open a connection, default 10), {@code
 * DB_STATEMENT_TIMEOUT_MS} (server-side limit per statement inside a transaction; unset means none)
 * and {@code DB_SOCKET_TIMEOUT} (seconds the driver waits for any answer from the server on an open
 * connection before it gives the connection up; {@code 0} means never).
 *
 * <p>The socket timeout is what bounds a request when the server is frozen or cut off: a statement
 * timeout is enforced by the server, which cannot help when the server does not run (issue 18: one
 * request hung 63 s behind a stopped primary). Its default is {@value #DEFAULT_SOCKET_SECONDS} s,
 * or the statement timeout plus {@value #SOCKET_MARGIN_SECONDS} s when that is longer, so that a
 * slow statement is always cancelled by the server (which says why) before the client gives up on
 * the connection.
 *
 * <pre>{@code
 * TimeoutSettings t = TimeoutSettings.defaults().withStatement(Duration.ofSeconds(5));
 * t.socketTimeout();   // 30 s
 * }</pre>
 *
 * @since 0.1
 */
public record TimeoutSettings(
    Duration connect, Optional<Duration> statement, Optional<Duration> socket) {
  public static final Duration DEFAULT_CONNECT = Duration.ofSeconds(10);

  /** The socket timeout when neither {@code DB_SOCKET_TIMEOUT} nor a long statement timeout say. */
  public static final int DEFAULT_SOCKET_SECONDS = 30;

  /** How much longer than the statement timeout the default socket timeout is at least. */
  public static final int SOCKET_MARGIN_SECONDS = 5;

  /**
   * @param socket the socket timeout as configured ({@link Duration#ZERO} for none); empty for the
   *     default derived from the statement timeout
   */
  public TimeoutSettings {
    if (connect.isNegative() || connect.isZero()) {
      throw SettingReader.invalid("connect timeout", connect.toString(), "a positive duration");
    }
    statement.ifPresent(
        s -> {
          if (s.isNegative() || s.isZero()) {
            throw SettingReader.invalid("statement timeout", s.toMillis() + " ms", "at least 1 ms");
          }
        });
    socket.ifPresent(
        s -> {
          if (s.isNegative()) {
            throw SettingReader.invalid(
                "socket timeout", s.toSeconds() + " s", "0 (none) or a positive number of seconds");
          }
          if (!s.isZero() && statement.isPresent() && s.compareTo(statement.get()) <= 0) {
            // The client would drop the connection before the server cancels the statement and
            // says why; the request would end as "connection lost" instead of "timed out".
            throw SettingReader.invalid(
                "DB_SOCKET_TIMEOUT",
                String.valueOf(s.toSeconds()),
                "0 (none) or more seconds than DB_STATEMENT_TIMEOUT_MS ("
                    + statement.get().toMillis()
                    + " ms)");
          }
        });
  }

  /** Connect and statement timeouts with the default socket timeout. */
  public TimeoutSettings(Duration connect, Optional<Duration> statement) {
    this(connect, statement, Optional.empty());
  }

  public static TimeoutSettings defaults() {
    return new TimeoutSettings(DEFAULT_CONNECT, Optional.empty(), Optional.empty());
  }

  public static TimeoutSettings from(Env env) {
    SettingReader r = new SettingReader(env);
    return new TimeoutSettings(
        r.optionalInteger("DB_CONNECT_TIMEOUT", 1, 3_600)
            .map(s -> Duration.ofSeconds(s))
            .orElse(DEFAULT_CONNECT),
        r.optionalInteger("DB_STATEMENT_TIMEOUT_MS", 1, Integer.MAX_VALUE)
            .map(ms -> Duration.ofMillis(ms)),
        r.optionalInteger("DB_SOCKET_TIMEOUT", 0, 86_400).map(s -> Duration.ofSeconds(s)));
  }

  /**
   * How long the driver waits for the server's answer on an open connection; {@link Duration#ZERO}
   * means without limit.
   */
  public Duration socketTimeout() {
    return socket.orElseGet(
        () -> {
          Duration byDefault = Duration.ofSeconds(DEFAULT_SOCKET_SECONDS);
          Duration aboveStatement =
              statement
                  .map(
                      s ->
                          Duration.ofSeconds(s.plusMillis(999).toSeconds() + SOCKET_MARGIN_SECONDS))
                  .orElse(Duration.ZERO);
          return aboveStatement.compareTo(byDefault) > 0 ? aboveStatement : byDefault;
        });
  }

  public TimeoutSettings withConnect(Duration value) {
    return new TimeoutSettings(value, statement, socket);
  }

  public TimeoutSettings withStatement(Duration value) {
    return new TimeoutSettings(connect, Optional.ofNullable(value), socket);
  }

  /**
   * This with the socket timeout {@code value}: {@link Duration#ZERO} for none, null for default.
   */
  public TimeoutSettings withSocket(Duration value) {
    return new TimeoutSettings(connect, statement, Optional.ofNullable(value));
  }
}
