/** Test fixtures: the in-process MongoDB wire-protocol server the module's tests run against. */
package dev.svcinfra.mongo.testing;
