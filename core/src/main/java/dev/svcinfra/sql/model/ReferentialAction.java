package dev.svcinfra.sql.model;

/**
 * What a foreign key does when the referenced row is deleted or its key changes.
 *
 * <pre>{@code
 * new ForeignKey("fk_notes_user", List.of("user_id"), Optional.empty(), "users", List.of("id"),
 *     ReferentialAction.CASCADE, ReferentialAction.NO_ACTION);
 * }</pre>
 *
 * @since 0.1
 */
public enum ReferentialAction {
  NO_ACTION("NO ACTION"),
  RESTRICT("RESTRICT"),
  CASCADE("CASCADE"),
  SET_NULL("SET NULL"),
  SET_DEFAULT("SET DEFAULT");

  private final String sql;

  ReferentialAction(String sql) {
    this.sql = sql;
  }

  /** The SQL words of this action. */
  public String sql() {
    return sql;
  }
}
