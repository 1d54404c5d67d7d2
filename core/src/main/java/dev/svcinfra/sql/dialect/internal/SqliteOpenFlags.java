package dev.svcinfra.sql.dialect.internal;

/**
 * sqlite-jdbc's URL parameter of the open flags, shared by the SQLite dialect (which reads it) and
 * the scratch restore (which opens the live file read-only); the dialect class itself is not
 * public.
 */
public final class SqliteOpenFlags {
  /** sqlite-jdbc's parameter of the open flags ({@code SQLITE_OPEN_*}); 6 by default. */
  public static final String OPEN_MODE = "open_mode";

  /** {@code SQLITE_OPEN_READONLY}: the file is opened for reading only. */
  public static final String READ_ONLY_OPEN_MODE = "1";

  private SqliteOpenFlags() {}
}
