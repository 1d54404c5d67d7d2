/**
 * Health: checks as small lambdas answering a {@link dev.svcinfra.health.CheckResult}, the
 * statuses they report, and the registry that runs them with timeouts and aggregates them for
 * liveness, readiness and startup probes.
 */
package dev.svcinfra.health;
