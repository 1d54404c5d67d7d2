package dev.svcinfra.config;

import dev.svcinfra.ErrorCode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the text of a {@code .env} file by the rules the common dotenv libraries share (Node's
 * {@code dotenv}, {@code python-dotenv}, Ruby's {@code dotenv}):
 *
 * <ul>
 *   <li>{@code KEY=VALUE}, an optional {@code export } prefix, blanks around {@code =} ignored;
 *       blank lines and lines starting with {@code #} are skipped.
 *   <li>Unquoted values end at a {@code #} that follows a blank (a comment) and are stripped.
 *   <li>{@code 'single'} quotes keep everything literally; {@code "double"} quotes understand
 *       {@code \n}, {@code \r}, {@code \t}, {@code \"} and {@code \\}. Either may span lines (PEM
 *       keys). After the closing quote only blanks and a {@code # comment} may follow.
 *   <li>No {@code ${VAR}} expansion: a value is what the file says.
 * </ul>
 *
 * A line that breaks these rules is an error naming the file and line; nothing is half-read. The
 * parser is written here rather than taken from a library because the libraries for Java disagree
 * with the others on comments after quoted values, which is the case users write most.
 */
final class DotEnvParser {
  private final String source;
  private final String text;
  private int pos;
  private int line = 1;

  private DotEnvParser(String source, String text) {
    this.source = source;
    this.text = text;
  }

  /** The variables of {@code text}, in file order; {@code source} names the file in errors. */
  static Map<String, String> parse(String source, String text) {
    return new DotEnvParser(source, text.startsWith("\uFEFF") ? text.substring(1) : text).parse();
  }

  private Map<String, String> parse() {
    Map<String, String> values = new LinkedHashMap<>();
    while (pos < text.length()) {
      skipBlanks();
      if (atLineEnd() || peek() == '#') {
        skipRestOfLine();
        continue;
      }
      int keyLine = line;
      String key = key();
      skipBlanks();
      if (pos >= text.length() || peek() != '=') {
        throw error(keyLine, "expected KEY=VALUE");
      }
      pos++;
      skipBlanks();
      values.put(key, value(keyLine));
    }
    return values;
  }

  private String key() {
    if (text.startsWith("export", pos)
        && pos + 6 < text.length()
        && (text.charAt(pos + 6) == ' ' || text.charAt(pos + 6) == '\t')) {
      pos += 6;
      skipBlanks();
    }
    int start = pos;
    while (pos < text.length() && isKeyChar(peek())) {
      pos++;
    }
    if (pos == start) {
      throw error(line, "expected KEY=VALUE");
    }
    return text.substring(start, pos);
  }

  private static boolean isKeyChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '-';
  }

  private String value(int keyLine) {
    if (pos < text.length() && (peek() == '\'' || peek() == '"')) {
      String value = quoted(keyLine, text.charAt(pos++));
      skipBlanks();
      if (!atLineEnd() && peek() != '#') {
        throw error(line, "only a # comment may follow the closing quote");
      }
      skipRestOfLine();
      return value;
    }
    int start = pos;
    int end = pos;
    while (!atLineEnd()) {
      char c = text.charAt(pos);
      if (c == '#' && pos > start && Character.isWhitespace(text.charAt(pos - 1))) {
        break;
      }
      pos++;
      end = pos;
    }
    skipRestOfLine();
    return text.substring(start, end).strip();
  }

  private String quoted(int keyLine, char quote) {
    StringBuilder out = new StringBuilder();
    while (pos < text.length()) {
      char c = text.charAt(pos++);
      if (c == quote) {
        return out.toString();
      }
      if (c == '\n') {
        line++;
      }
      if (c == '\\' && quote == '"' && pos < text.length()) {
        char next = text.charAt(pos++);
        switch (next) {
          case 'n' -> out.append('\n');
          case 'r' -> out.append('\r');
          case 't' -> out.append('\t');
          case '"', '\\' -> out.append(next);
          default -> out.append('\\').append(next);
        }
      } else {
        out.append(c);
      }
    }
    throw error(keyLine, "the value's " + quote + " quote is never closed");
  }

  private char peek() {
    return text.charAt(pos);
  }

  private boolean atLineEnd() {
    return pos >= text.length() || peek() == '\n' || peek() == '\r';
  }

  private void skipBlanks() {
    while (pos < text.length() && (peek() == ' ' || peek() == '\t')) {
      pos++;
    }
  }

  private void skipRestOfLine() {
    while (pos < text.length() && peek() != '\n') {
      pos++;
    }
    if (pos < text.length()) {
      pos++;
      line++;
    }
  }

  private ConfigException error(int at, String what) {
    return new ConfigException(ErrorCode.INVALID_SETTING, source + " line " + at + ": " + what);
  }
}
