/**
 * The raw baseline of the HTTP benchmark: hand-written Javalin handlers over HikariCP and plain
 * JDBC, sending the same SQL as the generated {@code users} resource, with no library layer. Every
 * other system's figures are reported as a ratio to this one.
 */
package dev.svcinfra.bench.raw;
