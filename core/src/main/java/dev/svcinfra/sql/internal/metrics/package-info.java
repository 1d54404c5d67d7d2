/**
 * Optional pool metrics: {@link dev.svcinfra.sql.internal.metrics.MicrometerPoolMetrics} connects
 * HikariCP to Micrometer. Nothing here is loaded unless Micrometer is on the classpath.
 *
 * <p><b>Internal:</b> not supported API; the pool loads it by name. It may change or disappear in
 * any release without notice.
 */
package dev.svcinfra.sql.internal.metrics;
