/**
 * JMH benchmarks, built with {@code -Pbench}: the data layer against raw JDBC on the same pool and
 * database, so the layer's overhead shows as a ratio.
 */
package dev.svcinfra.bench;
