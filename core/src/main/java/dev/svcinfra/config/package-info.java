/**
 * Configuration: the environment is read here, once, into small immutable settings objects (URL and
 * its source, pool, timeouts, TLS, replica, MongoDB). No other package reads environment variables.
 * Start at {@link dev.svcinfra.config.DatabaseUrlResolver} and {@link
 * dev.svcinfra.config.DatabaseSettings}.
 */
package dev.svcinfra.config;
