/**
 * The Quarkus peer of the HTTP benchmark: Quarkus REST with Jackson over a Hibernate ORM entity
 * with Panache, written as the Quarkus guides show (active record, {@code @Transactional} writes,
 * the framework's defaults), serving the same routes, JSON and envelopes as the generated resource.
 */
package dev.svcinfra.bench.quarkus;
