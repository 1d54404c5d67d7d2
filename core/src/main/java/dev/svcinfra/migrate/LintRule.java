package dev.svcinfra.migrate;

import java.util.Locale;

/**
 * What lint looks for. The code is what an inline suppression names: {@code -- lint:allow
 * drop_column}.
 *
 * @since 0.1
 */
public enum LintRule {
  DROP_TABLE("drops a table and its data"),
  DROP_COLUMN("drops a column and its data; running code that still reads it breaks"),
  TYPE_CHANGE("changes a column type, which can rewrite the table under an exclusive lock"),
  NOT_NULL_WITHOUT_DEFAULT(
      "makes a column NOT NULL without a default: fails on existing rows "
          + "with NULL and scans the table under a lock"),
  INDEX_WITHOUT_CONCURRENTLY(
      "builds an index on an existing table without CONCURRENTLY, "
          + "blocking writes until it finishes"),
  RENAME_MAPPED_COLUMN("renames a column the models still map under its old name");

  private final String why;

  LintRule(String why) {
    this.why = why;
  }

  /** The code used in suppressions and JSON: {@code drop_table}. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  public String why() {
    return why;
  }
}
