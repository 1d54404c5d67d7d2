package dev.svcinfra.sql.dialect.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cuts SQL text into the statements a JDBC driver runs one at a time, by the rules of one database
 * ({@link SqlSyntax}). The one splitter of the library: revision files, offline scripts and backup
 * restores all go through it. Text is fed a line at a time, so a dump of any size streams through
 * without being held whole.
 *
 * <p>A semicolon ends a statement unless it is inside a string, a quoted identifier, a comment, a
 * dollar-quoted body, or the {@code BEGIN ... END} body of a {@code CREATE TRIGGER}, {@code
 * PROCEDURE}, {@code FUNCTION} or {@code EVENT} (SQLite triggers, MySQL routines without {@code
 * DELIMITER}, PostgreSQL's {@code BEGIN ATOMIC}). MySQL's {@code DELIMITER} lines change the
 * terminator and are not sent; on SQL Server a {@code GO} line ends a batch, and a script holding
 * one is cut at its {@code GO} lines only, as {@code sqlcmd} does. Comments stay with the statement
 * that follows them (lint reads inline suppressions there); text holding nothing but comments is no
 * statement.
 *
 * <pre>{@code
 * StatementSplitter.split("CREATE TABLE a (x INT); -- note\nDROP TABLE b;", SqlSyntax.SQLITE);
 * StatementSplitter s = new StatementSplitter(SqlSyntax.SQLITE);
 * for (String line : lines) { run(s.feed(line)); }
 * if (!s.rest().isEmpty()) { ... the text ends inside a statement ... }
 * }</pre>
 *
 * <p>Written here rather than taken from a library: the SQL parsers on Maven Central (JSqlParser,
 * Calcite) parse statements they know and fail on the ones they do not, while a splitter must pass
 * any vendor statement through untouched and only find where it ends.
 */
public final class StatementSplitter {
  private static final Pattern DELIMITER =
      Pattern.compile("\\s*DELIMITER\\s+(\\S+)\\s*", Pattern.CASE_INSENSITIVE);
  private static final Pattern GO = Pattern.compile("\\s*GO\\s*", Pattern.CASE_INSENSITIVE);

  /** Statements whose {@code BEGIN ... END} body holds semicolons: {@code CREATE <kind>}. */
  private static final Set<String> ROUTINES = Set.of("TRIGGER", "PROCEDURE", "FUNCTION", "EVENT");

  /** Words after {@code BEGIN} that start a transaction, not a block (SQL Server, MySQL). */
  private static final Set<String> TRANSACTION_WORDS =
      Set.of("TRAN", "TRANSACTION", "DISTRIBUTED", "WORK");

  /** Words after {@code END} that close a MySQL control statement, whose opener is not counted. */
  private static final Set<String> CONTROL_ENDS = Set.of("IF", "LOOP", "WHILE", "REPEAT");

  private final SqlSyntax syntax;
  private final boolean keepComments;
  private final boolean splits;
  private final boolean goOnly;

  private final StringBuilder current = new StringBuilder();
  private final List<String> done = new ArrayList<>();

  /** The character closing the open quote, or 0 outside quotes. */
  private char quote;

  private boolean quoteEscapes;
  private String dollarTag;
  private int commentDepth;
  private boolean executableComment;
  private String delimiter = ";";

  /** Whether the statement so far holds anything but comments and blanks. */
  private boolean hasCode;

  private int words;
  private String firstWord;
  private boolean routine;
  private int blockDepth;
  private boolean closingCase;

  /** In a scan that does not split: whether a {@code GO} line was seen. */
  private boolean sawGo;

  /** A splitter that ends statements at semicolons (and at {@code GO} lines on SQL Server). */
  public StatementSplitter(SqlSyntax syntax) {
    this(syntax, true, true, false);
  }

  private StatementSplitter(
      SqlSyntax syntax, boolean keepComments, boolean splits, boolean goOnly) {
    this.syntax = syntax;
    this.keepComments = keepComments;
    this.splits = splits;
    this.goOnly = goOnly;
  }

  /**
   * The statements of {@code text}, including a last one without its terminator. On SQL Server a
   * text with a {@code GO} line is cut at those lines only.
   */
  public static List<String> split(String text, SqlSyntax syntax) {
    boolean goOnly = syntax.goBatches() && hasGoLine(text, syntax);
    StatementSplitter s = new StatementSplitter(syntax, true, true, goOnly);
    for (String line : text.split("\r?\n", -1)) {
      s.done.addAll(s.feed(line));
    }
    String rest = s.rest();
    if (!rest.isEmpty()) {
      s.done.add(rest);
    }
    return s.done;
  }

  /**
   * {@code text} without its comments, read by the same rules: what lint and drift checks look at.
   * Executable comments ({@code /*!..*}{@code /}) stay, as they are code.
   */
  public static String stripComments(String text, SqlSyntax syntax) {
    StatementSplitter s = new StatementSplitter(syntax, false, false, false);
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      s.feed(lines[i]);
      if (i == lines.length - 1) {
        // feed() ends every line with a newline; the text's last line had none.
        s.current.setLength(Math.max(0, s.current.length() - 1));
      }
    }
    return s.current.toString();
  }

  /** The statements {@code line} (without its line break) completes: often none, sometimes many. */
  public List<String> feed(String line) {
    List<String> out = new ArrayList<>();
    if (directive(line, out)) {
      return out;
    }
    int n = line.length();
    int i = 0;
    while (i < n) {
      i = step(line, i, out);
    }
    current.append('\n');
    return out;
  }

  /** The text left without a terminator, stripped; empty when it holds only comments. */
  public String rest() {
    return hasCode ? current.toString().strip() : "";
  }

  /**
   * Handles a client directive line, outside quotes, comments and bodies; true when {@code line}
   * was one. {@code DELIMITER} counts only between statements, {@code GO} anywhere.
   */
  private boolean directive(String line, List<String> out) {
    if (quote != 0 || dollarTag != null || commentDepth > 0) {
      return false;
    }
    if (!splits) {
      sawGo |= syntax.goBatches() && GO.matcher(line).matches();
      return false;
    }
    if (syntax.delimiterDirective() && !hasCode) {
      Matcher m = DELIMITER.matcher(line);
      if (m.matches()) {
        delimiter = m.group(1);
        return true;
      }
    }
    if (syntax.goBatches() && GO.matcher(line).matches()) {
      end(out);
      return true;
    }
    return false;
  }

  /** Reads one token of {@code line} from {@code i}; returns where the next one starts. */
  private int step(String line, int i, List<String> out) {
    if (commentDepth > 0) {
      return blockComment(line, i, i);
    }
    if (quote != 0) {
      return quoted(line, i);
    }
    if (dollarTag != null) {
      return dollarBody(line, i);
    }
    char c = line.charAt(i);
    if ((c == '-' && line.startsWith("--", i)) || (c == '#' && syntax.hashComments())) {
      if (keepComments) {
        current.append(line, i, line.length());
      }
      return line.length();
    }
    if (c == '/' && line.startsWith("/*", i)) {
      executableComment =
          syntax.executableComments() && (line.startsWith("/*!", i) || line.startsWith("/*M!", i));
      hasCode |= executableComment;
      commentDepth = 1;
      return blockComment(line, i, i + 2);
    }
    if (splits && !goOnly && line.startsWith(delimiter, i) && !insideBody()) {
      end(out);
      return i + delimiter.length();
    }
    if (c == '\'' || c == '"' || (c == '`' && syntax.backtickIdentifiers())) {
      quote = c;
      quoteEscapes = c != '`' && (syntax.backslashEscapes() || escapeString(line, i));
      return code(line, i, i + 1);
    }
    if (c == '[' && syntax.bracketIdentifiers()) {
      quote = ']';
      quoteEscapes = false;
      return code(line, i, i + 1);
    }
    if (c == '$' && syntax.dollarQuotes() && !wordChar(line, i - 1)) {
      String tag = dollarTag(line, i);
      if (tag != null) {
        dollarTag = tag;
        return code(line, i, i + tag.length());
      }
    }
    if ((Character.isLetter(c) || c == '_') && !wordChar(line, i - 1)) {
      int end = i + 1;
      while (end < line.length() && wordChar(line, end)) {
        end++;
      }
      word(line, i, end);
      return code(line, i, end);
    }
    if (Character.isWhitespace(c)) {
      current.append(c);
      return i + 1;
    }
    return code(line, i, i + 1);
  }

  private int code(String line, int from, int to) {
    current.append(line, from, to);
    hasCode = true;
    return to;
  }

  /**
   * Inside a {@code /* *}{@code /} comment that this line's text from {@code from} belongs to:
   * scans from {@code i} for its end (and for nested openings where comments nest).
   */
  private int blockComment(String line, int from, int i) {
    int j = i;
    while (j < line.length() && commentDepth > 0) {
      if (line.startsWith("*/", j)) {
        commentDepth--;
        j += 2;
      } else if (syntax.nestedComments() && line.startsWith("/*", j)) {
        commentDepth++;
        j += 2;
      } else {
        j++;
      }
    }
    if (keepComments || executableComment) {
      current.append(line, from, j);
    } else if (commentDepth == 0) {
      current.append(' ');
    }
    if (commentDepth == 0) {
      executableComment = false;
    }
    return j;
  }

  /** Inside a quote: a doubled closing quote is one character; a backslash may escape. */
  private int quoted(String line, int i) {
    int j = i;
    while (j < line.length()) {
      char c = line.charAt(j);
      if (quoteEscapes && c == '\\') {
        j += 2;
      } else if (c == quote) {
        if (j + 1 < line.length() && line.charAt(j + 1) == quote) {
          j += 2;
        } else {
          quote = 0;
          return code(line, i, j + 1);
        }
      } else {
        j++;
      }
    }
    return code(line, i, line.length());
  }

  private int dollarBody(String line, int i) {
    int close = line.indexOf(dollarTag, i);
    if (close < 0) {
      return code(line, i, line.length());
    }
    int end = close + dollarTag.length();
    dollarTag = null;
    return code(line, i, end);
  }

  /**
   * Tracks the first words (is this a routine?) and, inside a routine, the depth of its {@code
   * BEGIN}/{@code CASE} ... {@code END} blocks.
   */
  private void word(String line, int from, int to) {
    if (from > 0 && line.charAt(from - 1) == '.') {
      return; // a qualified name such as NEW.end is not a keyword
    }
    String w = line.substring(from, to).toUpperCase(Locale.ROOT);
    words++;
    if (words == 1) {
      firstWord = w;
    } else if (words <= 8 && "CREATE".equals(firstWord) && ROUTINES.contains(w)) {
      routine = true;
    } else if (words == 2 && "BEGIN".equals(firstWord) && "NOT".equals(w)) {
      // MariaDB's anonymous block: BEGIN NOT ATOMIC ... END.
      routine = true;
      blockDepth = 1;
    }
    if (!routine || !";".equals(delimiter)) {
      return;
    }
    switch (w) {
      case "BEGIN" -> {
        if (!TRANSACTION_WORDS.contains(nextWord(line, to))) {
          blockDepth++;
        }
      }
      case "CASE" -> {
        if (closingCase) {
          closingCase = false; // the CASE of END CASE opens nothing
        } else {
          blockDepth++;
        }
      }
      case "END" -> {
        String next = nextWord(line, to);
        if (!CONTROL_ENDS.contains(next)) {
          blockDepth = Math.max(0, blockDepth - 1);
        }
        closingCase = "CASE".equals(next);
      }
      default -> closingCase = false;
    }
  }

  private boolean insideBody() {
    return routine && blockDepth > 0 && ";".equals(delimiter);
  }

  /** Emits the statement collected so far, if it holds code, and starts the next. */
  private void end(List<String> out) {
    String text = current.toString().strip();
    if (hasCode && !text.isEmpty()) {
      out.add(text);
    }
    current.setLength(0);
    hasCode = false;
    words = 0;
    firstWord = null;
    routine = false;
    blockDepth = 0;
    closingCase = false;
  }

  /** Whether the quote at {@code i} opens a PostgreSQL escape string {@code E'..'}. */
  private boolean escapeString(String line, int i) {
    if (!syntax.escapeStrings() || line.charAt(i) != '\'' || i == 0) {
      return false;
    }
    char prefix = line.charAt(i - 1);
    return (prefix == 'E' || prefix == 'e') && !wordChar(line, i - 2);
  }

  /** {@code $$} or {@code $tag$} starting at {@code i}, else null ({@code $1} is a parameter). */
  private static String dollarTag(String line, int i) {
    int j = i + 1;
    while (j < line.length()
        && (Character.isLetterOrDigit(line.charAt(j)) || line.charAt(j) == '_')) {
      j++;
    }
    if (j >= line.length() || line.charAt(j) != '$') {
      return null;
    }
    String tag = line.substring(i, j + 1);
    return tag.length() > 2 && Character.isDigit(tag.charAt(1)) ? null : tag;
  }

  /** The next word on the line after {@code from}, upper-cased; empty at the end of the line. */
  private static String nextWord(String line, int from) {
    int i = from;
    while (i < line.length() && Character.isWhitespace(line.charAt(i))) {
      i++;
    }
    int end = i;
    while (end < line.length() && wordChar(line, end)) {
      end++;
    }
    return line.substring(i, end).toUpperCase(Locale.ROOT);
  }

  private static boolean wordChar(String line, int i) {
    if (i < 0 || i >= line.length()) {
      return false;
    }
    char c = line.charAt(i);
    return Character.isLetterOrDigit(c) || c == '_' || c == '$';
  }

  /** Whether {@code text} has a {@code GO} line outside strings and comments. */
  private static boolean hasGoLine(String text, SqlSyntax syntax) {
    StatementSplitter scan = new StatementSplitter(syntax, false, false, false);
    for (String line : text.split("\r?\n", -1)) {
      scan.feed(line);
      if (scan.sawGo) {
        return true;
      }
    }
    return false;
  }
}
