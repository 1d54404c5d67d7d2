/**
 * The Vert.x peer of the HTTP benchmark: vertx-web routes over the reactive PostgreSQL client,
 * written as the Vert.x documentation shows (one verticle instance per event loop, one shared pool
 * of 10 connections, single statements in autocommit), serving the same routes, JSON and envelopes
 * as the generated resource.
 */
package dev.svcinfra.bench.vertx;
