/**
 * svc-infra core: the exception root shared by every package. Configuration lives in
 * {@code config}, connections and dialects in {@code sql}, migrations in {@code migrate}, health in
 * {@code health}.
 */
package dev.svcinfra;
