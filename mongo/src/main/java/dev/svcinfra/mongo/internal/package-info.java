/**
 * Machinery of the MongoDB module that the command line shares, not supported API: the reader of
 * index files for {@code svc-infra mongo prepare}. The types are public only so that other modules
 * of svc-infra can reach them; they may change or disappear in any release without notice.
 */
package dev.svcinfra.mongo.internal;
