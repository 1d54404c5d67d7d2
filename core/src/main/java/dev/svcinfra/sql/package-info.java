/**
 * Connections and transactions: {@link dev.svcinfra.sql.Database} opens the HikariCP pools for the
 * primary and an optional replica and runs blocks in a {@link dev.svcinfra.sql.Transaction} (commit
 * on return, rollback on throw, statement timeout, replica for read-only work). The exception
 * family ({@code not_found}, {@code conflict}, {@code validation}, {@code statement_timeout},
 * {@code pool_exhausted}, {@code database_unavailable}) lives here; models, repositories and
 * services live in the sub-packages.
 */
package dev.svcinfra.sql;
