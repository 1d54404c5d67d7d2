package dev.svcinfra.javalin;

/**
 * Statement text safe for a span: the statements svc-infra generates carry their values as {@code
 * ?} already, but hand-written SQL may inline them, so string literals and numbers become {@code ?}
 * too (OpenTelemetry's advice for {@code db.query.text}). Identifiers, keywords and quoted names
 * stay.
 */
final class SqlText {
  private SqlText() {}

  static String masked(String sql) {
    StringBuilder out = new StringBuilder(sql.length());
    int n = sql.length();
    int i = 0;
    while (i < n) {
      char c = sql.charAt(i);
      if (c == '\'') {
        i = skipQuoted(sql, i, '\'');
        out.append('?');
      } else if (c == '"' || c == '`') {
        int end = skipQuoted(sql, i, c);
        out.append(sql, i, end); // a quoted identifier is a name, not a value
        i = end;
      } else if (Character.isDigit(c) && (i == 0 || !isWordChar(sql.charAt(i - 1)))) {
        while (i < n && (isWordChar(sql.charAt(i)) || sql.charAt(i) == '.')) {
          i++;
        }
        out.append('?');
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  /** The index after the quote that closes the one at {@code start}; doubled quotes stay inside. */
  private static int skipQuoted(String sql, int start, char quote) {
    int i = start + 1;
    while (i < sql.length()) {
      char c = sql.charAt(i);
      if (c == '\\' && quote != '"') {
        i += 2; // MySQL's backslash escapes; harmless elsewhere
      } else if (c == quote) {
        if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
          i += 2;
        } else {
          return i + 1;
        }
      } else {
        i++;
      }
    }
    return sql.length(); // unterminated: everything after the quote is hidden
  }

  private static boolean isWordChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '$';
  }
}
