/**
 * Services: {@link dev.svcinfra.sql.service.SqlService} wraps a repository with overridable
 * hooks, {@link dev.svcinfra.sql.service.TenantSqlService} scopes any service to one tenant, and
 * {@link dev.svcinfra.sql.service.DedupeSqlService} keeps chosen fields unique ignoring case.
 */
package dev.svcinfra.sql.service;
