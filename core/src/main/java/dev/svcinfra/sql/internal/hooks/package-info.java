/**
 * How an application framework plugs into a {@link dev.svcinfra.sql.Database} it opens: the names
 * and metrics registry of its pools ({@link DatabaseHooks}) and the transaction its own transaction
 * manager runs on the current thread ({@link ExternalTransactions}), which svc-infra's transactions
 * then join instead of opening their own. Framework-neutral: nothing here names a framework.
 *
 * <p><b>Internal:</b> not supported API; the Spring Boot starter uses it. It may change or
 * disappear in any release without notice.
 */
package dev.svcinfra.sql.internal.hooks;
