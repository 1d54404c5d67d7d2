package dev.svcinfra.sql.dialect;

import dev.svcinfra.ErrorCode;
import dev.svcinfra.config.DatabaseUrl;
import dev.svcinfra.sql.dialect.internal.UnsupportedDdlException;
import dev.svcinfra.sql.model.internal.ForeignKey;
import dev.svcinfra.sql.model.internal.Index;
import dev.svcinfra.sql.model.internal.Table;
import dev.svcinfra.sql.model.internal.UniqueConstraint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Databases that live in a file of this process or in memory (SQLite, DuckDB): the URL's database
 * is a path, relative to the working directory unless it starts with {@code /}, and an absent path
 * or {@code :memory:} means a private in-memory database.
 */
abstract class EmbeddedFileDialect extends StandardDialect {
  EmbeddedFileDialect(String name, Set<String> schemes) {
    super(name, schemes);
  }

  /** The file path, or empty for an in-memory database. */
  static Optional<String> filePath(DatabaseUrl url) {
    return url.database().filter(db -> !db.equals(":memory:"));
  }

  @Override
  public boolean isEmbedded() {
    return true;
  }

  /**
   * An in-memory database exists once per connection, so a pool of several connections would hand
   * out unrelated empty databases; the pool is limited to one connection.
   */
  @Override
  public Optional<Integer> poolLimit(DatabaseUrl url) {
    return filePath(url).isPresent() ? Optional.empty() : Optional.of(1);
  }

  /** Creates the directory of the database file, so {@code sqlite:///data/app.db} just works. */
  @Override
  public void prepare(DatabaseUrl url) {
    filePath(url)
        .map(p -> Path.of(p).toAbsolutePath().getParent())
        .ifPresent(
            dir -> {
              try {
                Files.createDirectories(dir);
              } catch (IOException e) {
                throw new dev.svcinfra.config.ConfigException(
                    ErrorCode.UNREADABLE_FILE,
                    "cannot create the directory " + dir + " for the " + name() + " database: " + e,
                    e);
              }
            });
  }

  /** Refuses what an embedded database cannot have: hosts and Unix sockets. */
  void requireNoServer(DatabaseUrl url) {
    if (!url.hosts().isEmpty() || url.socket().isPresent()) {
      throw unsupported(
          name(),
          "an embedded database has no host; write "
              + name()
              + ":///relative/path.db, "
              + name()
              + ":////absolute/path.db or "
              + name()
              + ":// for memory (got host "
              + url.hosts()
              + ")");
    }
  }

  // ---- schema changes shared by SQLite and DuckDB --------------------------------------------

  /** A unique constraint on an existing table is a unique index here (same guarantee). */
  @Override
  public List<String> addUniqueStatements(Table table, UniqueConstraint unique) {
    return List.of(createIndexStatement(table, new Index(unique.name(), unique.columns(), true)));
  }

  @Override
  public List<String> dropUniqueStatements(Table table, UniqueConstraint unique) {
    return List.of(dropIndexStatement(table, new Index(unique.name(), unique.columns(), true)));
  }

  @Override
  public List<String> addForeignKeyStatements(Table table, ForeignKey foreignKey) {
    throw new UnsupportedDdlException(
        name()
            + " cannot add a foreign key ("
            + foreignKey.name()
            + ") to the existing table "
            + table.qualifiedName()
            + "; rebuild the table by hand: "
            + "create the new table, copy the rows, drop the old one, rename");
  }

  @Override
  public List<String> dropForeignKeyStatements(Table table, ForeignKey foreignKey) {
    throw new UnsupportedDdlException(
        name()
            + " cannot drop the foreign key "
            + foreignKey.name()
            + " of the existing table "
            + table.qualifiedName()
            + "; rebuild the table by hand");
  }
}
