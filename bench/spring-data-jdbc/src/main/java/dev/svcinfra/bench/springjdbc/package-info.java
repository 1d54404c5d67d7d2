/**
 * Benchmark peer (d): Spring Boot 4 with Spring Data JDBC repositories and hand-written MVC
 * controllers serving the same {@code /users} routes and JSON as the generated resource.
 */
package dev.svcinfra.bench.springjdbc;
