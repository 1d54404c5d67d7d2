package dev.svcinfra.lifecycle;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Cuts SQL text, fed line by line, into whole statements for a JDBC driver that runs one at a time.
 * A semicolon ends a statement unless it is inside a string, a quoted identifier or a comment, or
 * inside a {@code CREATE TRIGGER ... BEGIN ... END} body, which ends at {@code END;}.
 */
final class SqlStatements {
  private static final Pattern TRIGGER_START =
      Pattern.compile(
          "^\\s*CREATE\\s+(TEMP\\s+|TEMPORARY\\s+)?TRIGGER\\b.*",
          Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
  private static final Pattern ENDS_WITH_END =
      Pattern.compile(".*\\bEND\\s*$", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

  private final StringBuilder current = new StringBuilder();
  private char quote; // the open quote character, or 0
  private boolean blockComment;

  /** The statements {@code line} completes (often none, sometimes several). */
  List<String> add(String line) {
    List<String> done = new ArrayList<>();
    int i = 0;
    while (i < line.length()) {
      char c = line.charAt(i);
      char next = i + 1 < line.length() ? line.charAt(i + 1) : 0;
      if (blockComment) {
        if (c == '*' && next == '/') {
          blockComment = false;
          i++;
        }
      } else if (quote != 0) {
        if (c == quote) {
          quote = 0; // a doubled quote reopens on the next character
        }
        current.append(c);
      } else if (c == '-' && next == '-') {
        break; // the rest of the line is a comment
      } else if (c == '/' && next == '*') {
        blockComment = true;
        i++;
      } else if (c == '\'' || c == '"' || c == '`') {
        quote = c;
        current.append(c);
      } else if (c == '[') {
        quote = ']';
        current.append(c);
      } else if (c == ';' && statementEnds()) {
        String statement = current.toString().strip();
        if (!statement.isEmpty()) {
          done.add(statement);
        }
        current.setLength(0);
      } else {
        current.append(c);
      }
      i++;
    }
    if (current.length() > 0) {
      current.append('\n');
    }
    return done;
  }

  /** Whatever text is left without a closing semicolon. */
  String rest() {
    return current.toString().strip();
  }

  private boolean statementEnds() {
    String text = current.toString();
    return !TRIGGER_START.matcher(text).matches()
        || ENDS_WITH_END.matcher(text.toUpperCase(Locale.ROOT)).matches();
  }
}
