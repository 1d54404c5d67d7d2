package dev.svcinfra;

import java.util.Objects;

/**
 * The root of every exception svc-infra raises.
 *
 * <p>Each failure carries a stable {@link ErrorCode} (for example {@code database_url_missing});
 * the same code appears in problem+json bodies, in the CLI's {@code --json} output and decides the
 * HTTP status and the CLI's exit status, so scripts and dashboards never parse message text.
 *
 * <pre>{@code
 * try { Database.fromEnvironment(); }
 * catch (SvcInfraException e) { log.error("{}: {}", e.code().wireName(), e.getMessage()); }
 * }</pre>
 *
 * @since 0.1
 */
public class SvcInfraException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ErrorCode code;

  public SvcInfraException(ErrorCode code, String message) {
    this(code, message, null);
  }

  public SvcInfraException(ErrorCode code, String message, Throwable cause) {
    super(message, cause);
    this.code = Objects.requireNonNull(code, "code");
  }

  /** The stable, machine-readable code of this failure; {@link ErrorCode#wireName()} spells it. */
  public ErrorCode code() {
    return code;
  }
}
