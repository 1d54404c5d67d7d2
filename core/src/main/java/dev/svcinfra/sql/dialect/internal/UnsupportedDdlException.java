package dev.svcinfra.sql.dialect.internal;

import dev.svcinfra.ErrorCode;
import dev.svcinfra.SvcInfraException;

/**
 * A schema change this database cannot express in SQL (SQLite cannot change a column's type, DuckDB
 * cannot add a constraint to an existing table). Raised instead of SQL that almost works; the
 * message says what to write by hand.
 *
 * @since 0.1
 */
public class UnsupportedDdlException extends SvcInfraException {
  private static final long serialVersionUID = 1L;

  public UnsupportedDdlException(String message) {
    super(ErrorCode.UNSUPPORTED_DDL, message);
  }
}
