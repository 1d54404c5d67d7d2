package dev.svcinfra.sql.dialect.internal;

import dev.svcinfra.sql.model.internal.Table;

/**
 * One table of a rebuild ({@link SchemaDdl#rebuildTableStatements}): its definition before and
 * after. A table rebuilt only because it references another rebuilt one has the same definition
 * twice.
 *
 * @since 0.1
 */
public record RebuiltTable(Table from, Table to) {}
