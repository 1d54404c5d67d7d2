/**
 * Services: {@link dev.svcinfra.sql.service.SqlService} wraps a repository with overridable hooks,
 * {@link dev.svcinfra.sql.service.TenantSqlService} scopes any service to one tenant, and {@link
 * dev.svcinfra.sql.service.DedupeSqlService} keeps chosen fields unique ignoring case. {@link
 * dev.svcinfra.sql.service.RowService} is the set of operations the first two share.
 */
package dev.svcinfra.sql.service;
