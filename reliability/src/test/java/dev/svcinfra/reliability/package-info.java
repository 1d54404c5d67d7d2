/**
 * The reliability suite: each test starts real services (the quickstart, PostgreSQL, MariaDB),
 * injects a fault, load or hostile input, and asserts what users need: the service keeps answering,
 * loses nothing and lets no one in. The figures go to {@code reliability/target/reliability.md}.
 *
 * @since 0.1
 */
package dev.svcinfra.reliability;
