/**
 * svc-infra core: the exception root shared by every package and {@link ErrorCode}, the one table
 * of failure codes with their HTTP and exit statuses. Configuration lives in {@code config},
 * connections and dialects in {@code sql}, migrations in {@code migrate}, health in {@code health}.
 */
package dev.svcinfra;
