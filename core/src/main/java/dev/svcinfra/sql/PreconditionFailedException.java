package dev.svcinfra.sql;

import dev.svcinfra.ErrorCode;

/**
 * A conditional write found the row changed: its stored tag (see {@link
 * dev.svcinfra.sql.repo.SqlRepository#tag}) is none of the tags the caller expected, so nothing was
 * written. HTTP integrations answer 412.
 *
 * <pre>{@code
 * try { users.update(tx, Scope.all(), id, changes, Set.of(tagSeenEarlier)); }
 * catch (PreconditionFailedException e) { reloadAndAskAgain(); }
 * }</pre>
 *
 * @since 0.1
 */
public class PreconditionFailedException extends DatabaseException {
  private static final long serialVersionUID = 1L;

  private final String table;
  private final transient Object id;

  public PreconditionFailedException(String table, Object id) {
    super(
        ErrorCode.PRECONDITION_FAILED,
        table
            + " "
            + id
            + " was changed since it was read: its tag no longer matches; read it again and retry",
        null);
    this.table = table;
    this.id = id;
  }

  public String table() {
    return table;
  }

  public Object id() {
    return id;
  }
}
