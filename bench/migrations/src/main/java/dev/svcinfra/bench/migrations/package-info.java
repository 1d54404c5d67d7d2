/**
 * The migrations benchmark: the same SQL revisions applied to fresh PostgreSQL databases by the
 * svc-infra engine and by Flyway Community in one JVM, plus the time autogenerate takes on a large
 * schema.
 */
package dev.svcinfra.bench.migrations;
