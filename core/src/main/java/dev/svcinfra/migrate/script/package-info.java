/**
 * Revisions and the graph they form: heads, bases, branches, merges, targets such as
 * {@code head}, {@code +2}, {@code base}, and the path from one state to another. Revision files
 * ({@code versions/<rev>_<slug>.sql}) and Java-class revisions feed the graph; nothing here
 * touches a database. Start at {@link dev.svcinfra.migrate.script.ScriptDirectory} and
 * {@link dev.svcinfra.migrate.script.RevisionGraph}.
 */
package dev.svcinfra.migrate.script;
