package dev.svcinfra.sql;

import dev.svcinfra.ErrorCode;

/**
 * No live row has the given id (or it belongs to another tenant, or it is soft-deleted). HTTP
 * integrations answer 404.
 *
 * <pre>{@code
 * try { users.update(tx, id, changes); }
 * catch (NotFoundException e) { log.info("{} {} is gone", e.table(), e.id()); }
 * }</pre>
 *
 * @since 0.1
 */
public class NotFoundException extends DatabaseException {
  private static final long serialVersionUID = 1L;

  private final String table;
  private final transient Object id;

  public NotFoundException(String table, Object id) {
    super(ErrorCode.NOT_FOUND, table + " " + id + " not found", null);
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
