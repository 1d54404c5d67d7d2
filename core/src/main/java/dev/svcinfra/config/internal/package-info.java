/**
 * How the configuration is read, not supported API: database URL resolution ({@code
 * DatabaseUrlResolver}, {@code ResolvedUrl}), the settings {@code DatabaseSettings} is built from
 * (timeouts, TLS, pooler, statement log) and the readers behind every settings object. The types
 * here are public only so that other packages and modules of svc-infra can reach them; they may
 * change or disappear in any release without notice.
 */
package dev.svcinfra.config.internal;
