package dev.svcinfra.migrate.script;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits SQL text into statements at {@code ;}, ignoring semicolons inside quotes
 * ({@code '..'}, {@code ".."}, {@code `..`}, {@code [..]}), comments and PostgreSQL dollar-quoted
 * bodies ({@code $$..$$}, {@code $tag$..$tag$}). Comments stay with the statement that follows
 * them, so lint sees inline suppressions; chunks holding only comments are dropped.
 *
 * <pre>{@code
 * StatementSplitter.split("CREATE TABLE a (x INT); -- note\nDROP TABLE b;");   // 2 statements
 * }</pre>
 *
 * @since 0.1
 */
public final class StatementSplitter {
  private StatementSplitter() {}

  public static List<String> split(String sql) {
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    int i = 0;
    int n = sql.length();
    while (i < n) {
      char c = sql.charAt(i);
      int end;
      if (c == '\'' || c == '"' || c == '`') {
        end = closing(sql, i + 1, c);
      } else if (c == '[') {
        end = closing(sql, i + 1, ']');
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
        add(out, current);
        current.setLength(0);
        i++;
        continue;
      } else {
        end = i + 1;
      }
      current.append(sql, i, end);
      i = end;
    }
    add(out, current);
    return out;
  }

  /** The index after the quote closing a literal opened before {@code from}; doubled quotes escape. */
  private static int closing(String sql, int from, char quote) {
    int i = from;
    while (i < sql.length()) {
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

  private static void add(List<String> out, StringBuilder chunk) {
    String text = chunk.toString().strip();
    if (!text.isEmpty() && !onlyComments(text)) {
      out.add(text);
    }
  }

  /** Whether {@code text} holds nothing but comments and blanks. */
  static boolean onlyComments(String text) {
    return stripComments(text).isBlank();
  }

  /** {@code text} without {@code --} and {@code /* *}{@code /} comments (quotes left alone). */
  public static String stripComments(String text) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '\'' || c == '"' || c == '`') {
        int end = closing(text, i + 1, c);
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
