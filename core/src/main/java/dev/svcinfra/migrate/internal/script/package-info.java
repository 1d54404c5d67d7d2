/**
 * Revisions and the graph they form: heads, bases, branches, merges, targets such as {@code head},
 * {@code +2}, {@code base}, and the path from one state to another. Revision files ({@code
 * versions/<rev>_<slug>.sql}) and Java-class revisions feed the graph; nothing here touches a
 * database. Start at {@link dev.svcinfra.migrate.internal.script.ScriptDirectory} and {@link
 * dev.svcinfra.migrate.internal.script.RevisionGraph}.
 *
 * <p><b>Internal:</b> not supported API. The types here are public only so that other packages and
 * modules of svc-infra can reach them; they may change or disappear in any release without notice.
 * Use {@link dev.svcinfra.migrate.Migrations} instead.
 */
package dev.svcinfra.migrate.internal.script;
