/**
 * Repositories: {@link dev.svcinfra.sql.repo.SqlRepository} runs CRUD, search, counts and offset or
 * keyset pagination for one table model inside a {@link dev.svcinfra.sql.Transaction}, with soft
 * delete, immutable fields, allowlisted search and ordering, row tags for conditional
 * (lost-update-safe) writes, and typed errors. All SQL comes from the transaction's dialect; every
 * value is a bind parameter.
 */
package dev.svcinfra.sql.repo;
