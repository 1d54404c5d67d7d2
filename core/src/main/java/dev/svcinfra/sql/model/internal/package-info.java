/**
 * Schema objects and model mapping, not supported API: {@code Table}, {@code Column}, indexes and
 * constraints describe tables independently of Java classes (migrations compare them, dialects
 * render them), and {@code TableMapping} reads an annotated model into a table once and maps rows
 * with precomputed method handles. The types are public only so that other packages and modules of
 * svc-infra can reach them; they may change or disappear in any release without notice.
 */
package dev.svcinfra.sql.model.internal;
