package dev.svcinfra.sql.dialect;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The SQL function {@value #NAME}{@code (text)} on SQLite connections: each code point's Unicode
 * lowercase mapping ({@link Character#toLowerCase(int)}), so {@code ÉMILE} and {@code émile}, or
 * {@code ΩMEGA} and {@code ωmega}, fold to the same text, while accents, width and every other
 * difference stay. SQLite's own {@code lower()} and {@code LIKE} fold ASCII only (issue 16).
 *
 * <p>It is registered as deterministic on every connection the library opens, so ignore-case
 * indexes can be built over it. A connection without it (the {@code sqlite3} shell, another
 * program) can read such a table but its inserts and updates fail ("unknown function") instead of
 * writing index entries folded another way; that is why the function has its own name rather than
 * replacing {@code lower()}.
 */
final class SqliteUnicodeLower extends org.sqlite.Function {
  /** The function's SQL name. */
  static final String NAME = "svcinfra_lower";

  private SqliteUnicodeLower() {}

  /** Registers the function on {@code c}, a connection of the xerial driver. */
  static void register(Connection c) throws SQLException {
    // One instance per connection: xerial's Function methods synchronize on the instance.
    org.sqlite.Function.create(
        c.unwrap(org.sqlite.SQLiteConnection.class),
        NAME,
        new SqliteUnicodeLower(),
        1,
        org.sqlite.Function.FLAG_DETERMINISTIC);
  }

  @Override
  protected void xFunc() throws SQLException {
    String text = value_text(0);
    if (text == null) {
      result();
    } else {
      result(fold(text));
    }
  }

  /** Each code point lowercased on its own; the text keeps its length in code points. */
  static String fold(String text) {
    StringBuilder out = null;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      int lower = Character.toLowerCase(cp);
      if (lower != cp && out == null) {
        out = new StringBuilder(text.length()).append(text, 0, i);
      }
      if (out != null) {
        out.appendCodePoint(lower);
      }
      i += Character.charCount(cp);
    }
    return out == null ? text : out.toString();
  }
}
