package dev.svcinfra.migrate.internal.script;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits SQL text into statements at {@code ;}, ignoring semicolons inside quotes ({@code '..'},
 * {@code ".."}, {@code `..`}, {@code [..]}), comments and PostgreSQL dollar-quoted bodies ({@code
 * $$..$$}, {@code $tag$..$tag$}). Comments stay with the statement that follows them, so lint sees
 * inline suppressions; chunks holding only comments are dropped.
 *
 * <p>Inside quotes, a doubled quote is a quote. A backslash escapes the next character where the
 * database says so (issue 16: {@code 'O\'Brien; Jr'} was split at its {@code ;} on MariaDB): in
 * PostgreSQL's escape strings {@code E'..'} always, and in every {@code '..'} and {@code ".."}
 * literal when {@code backslashEscapes} is set, as MySQL and MariaDB read them unless their {@code
 * sql_mode} holds {@code NO_BACKSLASH_ESCAPES}.
 *
 * <pre>{@code
 * StatementSplitter.split("CREATE TABLE a (x INT); -- note\nDROP TABLE b;");   // 2 statements
 * StatementSplitter.split("INSERT INTO t VALUES ('O\\'Brien; Jr');", true);   // 1 statement
 * }</pre>
 *
 * @since 0.1
 */
public final class StatementSplitter {
  private StatementSplitter() {}

  /** Splits with standard SQL quoting (plus PostgreSQL's {@code E'..'} strings). */
  public static List<String> split(String sql) {
    return split(sql, false);
  }

  /**
   * Splits, reading a backslash inside {@code '..'} and {@code ".."} as an escape when {@code
   * backslashEscapes} is set (MySQL, MariaDB).
   */
  public static List<String> split(String sql, boolean backslashEscapes) {
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    int i = 0;
    int n = sql.length();
    while (i < n) {
      char c = sql.charAt(i);
      int end;
      if (c == '\'' || c == '"' || c == '`') {
        end = closing(sql, i + 1, c, escapes(sql, i, backslashEscapes));
      } else if (c == '[') {
        end = closing(sql, i + 1, ']', false);
      } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
        int nl = sql.indexOf('\n', i);
        end = nl < 0 ? n : nl + 1;
      } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
        int close = sql.indexOf("*/", i + 2);
        end = close < 0 ? n : close + 2;
      } else if (c == '$' && dollarTag(sql, i) != null) {
        String tag = dollarTag(sql, i);
        int close = sql.indexOf(tag, i + tag.length());
        end = close < 0 ? n : close + tag.length();
      } else if (c == ';') {
        add(out, current, backslashEscapes);
        current.setLength(0);
        i++;
        continue;
      } else {
        end = i + 1;
      }
      current.append(sql, i, end);
      i = end;
    }
    add(out, current, backslashEscapes);
    return out;
  }

  /**
   * Whether a backslash escapes inside the literal whose quote is at {@code quoteAt}: never in a
   * quoted identifier ({@code `..`}); in {@code '..'} and {@code ".."} under MySQL rules; in a
   * PostgreSQL escape string, whose {@code E} or {@code e} prefix is not the end of a longer word.
   */
  private static boolean escapes(String sql, int quoteAt, boolean backslashEscapes) {
    char quote = sql.charAt(quoteAt);
    if (quote == '`') {
      return false;
    }
    if (backslashEscapes) {
      return true;
    }
    if (quote != '\'' || quoteAt == 0) {
      return false;
    }
    char prefix = sql.charAt(quoteAt - 1);
    if (prefix != 'E' && prefix != 'e') {
      return false;
    }
    if (quoteAt == 1) {
      return true;
    }
    char before = sql.charAt(quoteAt - 2);
    return !(Character.isLetterOrDigit(before) || before == '_' || before == '$');
  }

  /**
   * The index after the quote closing a literal opened before {@code from}; doubled quotes escape,
   * and so does a backslash when {@code backslash} is set.
   */
  private static int closing(String sql, int from, char quote, boolean backslash) {
    int i = from;
    while (i < sql.length()) {
      if (backslash && sql.charAt(i) == '\\') {
        i += 2;
        continue;
      }
      if (sql.charAt(i) == quote) {
        if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
          i += 2;
          continue;
        }
        return i + 1;
      }
      i++;
    }
    return sql.length();
  }

  /** {@code $$} or {@code $tag$} starting at {@code i}, else null ({@code $1} is a parameter). */
  private static String dollarTag(String sql, int i) {
    int j = i + 1;
    while (j < sql.length() && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '_')) {
      j++;
    }
    if (j >= sql.length() || sql.charAt(j) != '$') {
      return null;
    }
    String tag = sql.substring(i, j + 1);
    return tag.length() > 2 && Character.isDigit(tag.charAt(1)) ? null : tag;
  }

  private static void add(List<String> out, StringBuilder chunk, boolean backslashEscapes) {
    String text = chunk.toString().strip();
    if (!text.isEmpty() && !stripComments(text, backslashEscapes).isBlank()) {
      out.add(text);
    }
  }

  /** Whether {@code text} holds nothing but comments and blanks. */
  static boolean onlyComments(String text) {
    return stripComments(text).isBlank();
  }

  /** {@code text} without {@code --} and {@code /* *}{@code /} comments (quotes left alone). */
  public static String stripComments(String text) {
    return stripComments(text, false);
  }

  /** {@link #stripComments(String)}, reading backslashes in literals as {@link #split} does. */
  public static String stripComments(String text, boolean backslashEscapes) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '\'' || c == '"' || c == '`') {
        int end = closing(text, i + 1, c, escapes(text, i, backslashEscapes));
        out.append(text, i, end);
        i = end;
      } else if (text.startsWith("--", i)) {
        int nl = text.indexOf('\n', i);
        i = nl < 0 ? text.length() : nl + 1;
        out.append('\n');
      } else if (text.startsWith("/*", i)) {
        int close = text.indexOf("*/", i + 2);
        i = close < 0 ? text.length() : close + 2;
        out.append(' ');
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }
}
