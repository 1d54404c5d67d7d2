/**
 * MongoDB with the official sync driver: the client lifecycle ({@link dev.svcinfra.mongo.Mongo},
 * {@link dev.svcinfra.mongo.MongoConnection}), CRUD with the SQL repository's rules ({@link
 * dev.svcinfra.mongo.MongoRepository}), declared indexes created idempotently ({@link
 * dev.svcinfra.mongo.MongoIndex}, {@link dev.svcinfra.mongo.MongoIndexes}) and a health check
 * ({@link dev.svcinfra.mongo.MongoHealthCheck}). Settings come from {@link
 * dev.svcinfra.config.MongoSettings}.
 */
package dev.svcinfra.mongo;
