package dev.svcinfra;

/**
 * The root of every exception svc-infra raises.
 *
 * <p>Each failure carries a stable {@link #code() code} (for example {@code database_url_missing});
 * the same code appears in problem+json bodies, in the CLI's {@code --json} output and decides the
 * CLI's exit status, so scripts and dashboards never parse message text.
 *
 * <pre>{@code
 * try { Database.fromEnvironment(); }
 * catch (SvcInfraException e) { log.error("{}: {}", e.code(), e.getMessage()); }
 * }</pre>
 *
 * @since 0.1
 */
public class SvcInfraException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String code;

  public SvcInfraException(String code, String message) {
    this(code, message, null);
  }

  public SvcInfraException(String code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  /** The stable, machine-readable code of this failure (snake_case). */
  public String code() {
    return code;
  }
}
