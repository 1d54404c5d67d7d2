package dev.svcinfra.migrate.internal.autogen;

import dev.svcinfra.sql.model.internal.Table;
import java.util.Optional;

/**
 * A table of the live database the models do not know (the table filter leaves it out), as
 * reflection read it, and why it cannot be rebuilt from that reading, if it cannot ({@link
 * dev.svcinfra.sql.dialect.Dialect#rebuildRefusal}). Where a dialect rebuilds the tables
 * referencing a rebuilt table (DuckDB), such a table is rebuilt with it, or the revision refused.
 */
public record UnmodelledTable(Table table, Optional<String> rebuildRefusal) {}
