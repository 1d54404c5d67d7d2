/**
 * Javalin 7 integration: {@link dev.svcinfra.javalin.SqlPlugin} (database lifecycle, request
 * transactions, CRUD {@link dev.svcinfra.javalin.SqlResource}s, problem+json errors, OpenAPI,
 * Swagger UI, {@code /_sql/health}), {@link dev.svcinfra.javalin.MongoPlugin} (the same CRUD
 * contract over MongoDB collections, {@link dev.svcinfra.javalin.MongoResource}; needs the optional
 * {@code svc-infra-mongo}) and {@link dev.svcinfra.javalin.HealthPlugin} (probe routes). Handlers
 * read the request, call {@code core} and write the result; no rule lives here that a CLI or batch
 * job would need.
 */
package dev.svcinfra.javalin;
