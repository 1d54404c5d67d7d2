/**
 * Health: checks as small lambdas answering a {@link dev.svcinfra.health.CheckResult}, the {@link
 * dev.svcinfra.health.HealthRegistry} that runs them concurrently with one timeout each and
 * aggregates them for liveness, readiness and startup probes, and built-in checks for a database,
 * Redis, a TCP port and an HTTP URL.
 */
package dev.svcinfra.health;
