/**
 * The idiomatic baseline (a') of the HTTP benchmark: the {@code users} service as a competent
 * engineer writes it by hand with Javalin, HikariCP and JDBC. Each request sends one statement in
 * autocommit, the unique index decides duplicate emails, a rename is one {@code UPDATE ...
 * RETURNING}. It answers the same routes, JSON and envelopes as the generated resource.
 */
package dev.svcinfra.bench.idiomatic;
