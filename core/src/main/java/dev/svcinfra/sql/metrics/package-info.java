/**
 * Optional pool metrics: {@link dev.svcinfra.sql.metrics.MicrometerPoolMetrics} connects
 * HikariCP to Micrometer. Nothing here is loaded unless Micrometer is on the classpath.
 */
package dev.svcinfra.sql.metrics;
