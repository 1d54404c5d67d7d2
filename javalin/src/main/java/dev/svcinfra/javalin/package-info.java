/**
 * Javalin 7 integration: plugins that mount {@code core} features as HTTP routes. Handlers read
 * the request, call {@code core} and write the result; no rule lives here that a CLI or batch job
 * would need.
 */
package dev.svcinfra.javalin;
