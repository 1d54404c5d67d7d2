/**
 * The Spring Boot starter's wiring: how {@code svc-infra.*} properties become library variables,
 * how svc-infra transactions find Spring's, the read-only routing, health, metrics and the
 * migrations endpoint.
 *
 * <p><b>Internal:</b> not supported API. It may change or disappear in any release without notice.
 */
package dev.svcinfra.spring.internal;
