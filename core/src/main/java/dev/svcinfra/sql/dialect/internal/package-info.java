/**
 * Internal support of the dialects: not supported API. Types here are public only so that other
 * packages of svc-infra can reach them; they may change or disappear in any release without notice.
 */
package dev.svcinfra.sql.dialect.internal;
