/**
 * Benchmark peer (c): the stack most users would pick instead, Spring Boot 4 with Spring Data
 * REST exporting a Spring Data JPA repository of {@code users}, with Spring's defaults.
 */
package dev.svcinfra.bench.springrest;
