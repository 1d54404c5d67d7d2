package dev.svcinfra.health;

/**
 * One dependency probe: a plain lambda that answers a {@link CheckResult}. Whoever runs it (the
 * registry) bounds it with a timeout, measures its latency and turns an exception into an unhealthy
 * result, so a check may simply throw.
 *
 * <pre>{@code
 * HealthCheck db = () -> { try (var c = ds.getConnection()) { return CheckResult.healthy(); } };
 * }</pre>
 *
 * @since 0.1
 */
@FunctionalInterface
public interface HealthCheck {
  CheckResult check() throws Exception;
}
