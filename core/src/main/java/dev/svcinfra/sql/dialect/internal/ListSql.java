package dev.svcinfra.sql.dialect.internal;

import java.util.Optional;

/**
 * What the repository's list path alone asks a dialect, beside the SQL every statement shares: how
 * its planner estimates a list's rows (issue 23). Declared here, as {@link MigrationSql} is for the
 * migration runtime, so the dialect stays one object without growing its own interface.
 */
public interface ListSql {
  /** The planner's row estimate, for list totals by estimate; empty where none is usable. */
  default Optional<RowEstimate> rowEstimate() {
    return Optional.empty();
  }
}
