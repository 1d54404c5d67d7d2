package dev.svcinfra.migrate.internal.runtime;

import dev.svcinfra.ErrorCode;
import dev.svcinfra.migrate.MigrationException;
import dev.svcinfra.sql.dialect.Dialect;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The version table: one {@code version_num} row per applied head, as Alembic keeps it. Moving from
 * one set of heads to the next is an UPDATE for a linear step, DELETE and INSERT around branches
 * and merges; statements carry literals so an offline script holds them verbatim.
 *
 * <pre>{@code
 * VersionTable versions = new VersionTable(dialect, "svc_infra_version");
 * Set<String> heads = versions.read(connection);
 * }</pre>
 *
 * @since 0.1
 */
public final class VersionTable {
  private final Dialect dialect;
  private final String name;

  public VersionTable(Dialect dialect, String name) {
    this.dialect = dialect;
    this.name = name;
  }

  public String name() {
    return name;
  }

  /** Whether the table exists. */
  public boolean exists(Connection c) {
    try {
      return !TablePresence.existing(c, List.of(name), dialect.quotedTableNamesIgnoreCase())
          .isEmpty();
    } catch (SQLException e) {
      throw new MigrationException(
          ErrorCode.MIGRATION_FAILED,
          "cannot look for the version table " + name + ": " + e.getMessage(),
          e);
    }
  }

  /** Creates the table through {@code sink} (always offline; online when it is missing). */
  public void ensure(SqlSink sink) {
    if (sink.offline() || !exists(sink.connection())) {
      create(sink);
    }
  }

  /** Creates the table through {@code sink}, for a caller that knows it is missing. */
  void create(SqlSink sink) {
    dialect.createVersionTable(name).forEach(sink::execute);
  }

  /** The applied heads; empty when the table does not exist yet. */
  public Set<String> read(Connection c) {
    return exists(c) ? readExisting(c) : new TreeSet<>();
  }

  /** The applied heads, for a caller that knows the table exists. */
  Set<String> readExisting(Connection c) {
    Set<String> heads = new TreeSet<>();
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT version_num FROM " + dialect.quote(name))) {
      while (rs.next()) {
        heads.add(rs.getString(1));
      }
    } catch (SQLException e) {
      throw new MigrationException(
          ErrorCode.MIGRATION_FAILED,
          "cannot read the version table " + name + ": " + e.getMessage(),
          e);
    }
    return heads;
  }

  /** The statements turning {@code before} into {@code after}. */
  public List<String> moveStatements(Set<String> before, Set<String> after) {
    List<String> gone = before.stream().filter(h -> !after.contains(h)).sorted().toList();
    List<String> added = after.stream().filter(h -> !before.contains(h)).sorted().toList();
    String table = dialect.quote(name);
    List<String> out = new ArrayList<>();
    if (gone.size() == 1 && added.size() == 1) {
      out.add(
          "UPDATE "
              + table
              + " SET version_num = "
              + dialect.stringLiteral(added.get(0))
              + " WHERE version_num = "
              + dialect.stringLiteral(gone.get(0)));
      return out;
    }
    for (String g : gone) {
      out.add("DELETE FROM " + table + " WHERE version_num = " + dialect.stringLiteral(g));
    }
    for (String a : added) {
      out.add("INSERT INTO " + table + " (version_num) VALUES (" + dialect.stringLiteral(a) + ")");
    }
    return out;
  }
}
