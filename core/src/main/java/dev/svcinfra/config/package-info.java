/**
 * Configuration: the environment is read here, once, into small immutable settings objects (URL and
 * its source, pool, timeouts, TLS, replica, MongoDB). No other package reads environment variables.
 * Start at {@link dev.svcinfra.config.DatabaseSettings}; URL resolution and the per-concern
 * settings it is built from are in {@code config.internal}.
 */
package dev.svcinfra.config;
