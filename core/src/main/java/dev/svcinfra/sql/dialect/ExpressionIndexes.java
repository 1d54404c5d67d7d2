package dev.svcinfra.sql.dialect;

import dev.svcinfra.sql.model.internal.Index;
import dev.svcinfra.sql.model.internal.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads index key parts as databases report them ({@code lower((email)::text)} from PostgreSQL,
 * {@code lower(`email`)} from MySQL, {@code LOWER("email")} as written in SQLite's schema) back
 * into the models' form: an index whose every key part is {@code lower(column)} is an ignore-case
 * index over those columns. Any other expression is kept as its text, so it stays a difference
 * instead of passing for a column.
 */
final class ExpressionIndexes {
  private ExpressionIndexes() {}

  private static final String LOWER = "lower";

  /** A cast to a text type, as PostgreSQL spells it in index definitions. */
  private static final Pattern TEXT_CAST =
      Pattern.compile(
          "(?is)::\\s*(?:\"?text\"?|character varying(?:\\(\\d+\\))?|varchar(?:\\(\\d+\\))?|bpchar)$");

  private static final Pattern IDENTIFIER =
      Pattern.compile(
          "^(?:\"((?:[^\"]|\"\")+)\"|`((?:[^`]|``)+)`|\\[((?:[^\\]]|]])+)]|([\\p{L}_][\\p{L}\\p{N}_$]*))$");
  private static final Pattern TRAILING_ORDER = Pattern.compile("(?is)\\s+(?:ASC|DESC)$");

  /** The column of a {@code lower(column)} key part, if that is what it is. */
  static Optional<String> lowerColumn(String keyPart) {
    return lowerColumn(keyPart, LOWER);
  }

  /** The column of a {@code function(column)} key part, the function folding case. */
  static Optional<String> lowerColumn(String keyPart, String function) {
    Matcher m =
        Pattern.compile("(?is)^" + Pattern.quote(function) + "\\s*\\((.*)\\)$")
            .matcher(unwrap(keyPart.strip()));
    if (!m.matches()) {
      return Optional.empty();
    }
    String inner = unwrap(m.group(1).strip());
    Matcher cast = TEXT_CAST.matcher(inner);
    if (cast.find()) {
      inner = unwrap(inner.substring(0, cast.start()).strip());
    }
    return identifier(inner);
  }

  /** The text without parentheses that enclose all of it: {@code ((email))} is {@code email}. */
  private static String unwrap(String text) {
    String t = text;
    while (t.startsWith("(") && closingParenthesis(t) == t.length() - 1) {
      t = t.substring(1, t.length() - 1).strip();
    }
    return t;
  }

  /** Where the parenthesis opening {@code text} closes, or -1. */
  private static int closingParenthesis(String text) {
    int depth = 0;
    char quote = 0;
    for (int i = 0; i < text.length(); i++) {
      char ch = text.charAt(i);
      if (quote != 0) {
        quote = ch == quote ? 0 : quote;
      } else if (ch == '"' || ch == '\'' || ch == '`') {
        quote = ch;
      } else if (ch == '(') {
        depth++;
      } else if (ch == ')' && --depth == 0) {
        return i;
      }
    }
    return -1;
  }

  /** An identifier without its quotes ({@code "Email"}, {@code `email`}, {@code [email]}). */
  static Optional<String> identifier(String text) {
    Matcher m = IDENTIFIER.matcher(text.strip());
    if (!m.matches()) {
      return Optional.empty();
    }
    if (m.group(1) != null) {
      return Optional.of(m.group(1).replace("\"\"", "\""));
    }
    if (m.group(2) != null) {
      return Optional.of(m.group(2).replace("``", "`"));
    }
    // SQL Server doubles a closing bracket inside [..].
    return Optional.of(m.group(3) != null ? m.group(3).replace("]]", "]") : m.group(4));
  }

  /**
   * The index with these key parts in the models' form: ignore-case when every part is {@code
   * lower(column)}, plain when every part is a column, otherwise the parts as reported.
   */
  static Index fromKeys(String name, boolean unique, List<String> keyParts) {
    return fromKeys(name, unique, keyParts, LOWER);
  }

  /**
   * A live-rows-only key part as MySQL reports a functional one: {@code if((`deleted_at` is
   * null),`email`,NULL)}, or with {@code lower(`email`)} as its value.
   */
  private static final Pattern LIVE_KEY =
      Pattern.compile(
          "(?is)^if\\s*\\((.+?)\\s+is\\s+null\\s*\\)?\\s*,\\s*(.+?)\\s*,\\s*null\\s*\\)$");

  /** {@link #fromKeys(String, boolean, List)} where {@code function} is the case fold. */
  static Index fromKeys(String name, boolean unique, List<String> keyParts, String function) {
    List<String> parts =
        keyParts.stream().map(k -> TRAILING_ORDER.matcher(k.strip()).replaceFirst("")).toList();
    Optional<Index> live = fromLiveKeys(name, unique, parts, function);
    if (live.isPresent()) {
      return live.get();
    }
    List<Optional<String>> lowered = parts.stream().map(k -> lowerColumn(k, function)).toList();
    if (lowered.stream().allMatch(Optional::isPresent)) {
      return new Index(name, lowered.stream().map(Optional::get).toList(), unique, true);
    }
    List<Optional<String>> plain = parts.stream().map(ExpressionIndexes::identifier).toList();
    if (plain.stream().allMatch(Optional::isPresent)) {
      return new Index(name, plain.stream().map(Optional::get).toList(), unique, false);
    }
    return new Index(name, parts, unique, false);
  }

  /**
   * The live-rows-only index whose every key part is {@code IF(deleted IS NULL, key, NULL)} over
   * the same soft-delete column (MySQL's functional form, issue 21), its keys read as any others.
   */
  private static Optional<Index> fromLiveKeys(
      String name, boolean unique, List<String> parts, String function) {
    List<String> keys = new ArrayList<>();
    String deleted = null;
    for (String part : parts) {
      Matcher m = LIVE_KEY.matcher(unwrap(part));
      if (!m.matches()) {
        return Optional.empty();
      }
      Optional<String> column = identifier(unwrap(m.group(1).replaceFirst("^\\(", "").strip()));
      if (column.isEmpty() || (deleted != null && !deleted.equalsIgnoreCase(column.get()))) {
        return Optional.empty();
      }
      deleted = column.get();
      keys.add(m.group(2));
    }
    Index index = fromKeys(name, unique, keys, function);
    boolean columns = index.columns().stream().allMatch(c -> identifier(c).isPresent());
    return columns ? Optional.of(index.whereNull(deleted)) : Optional.empty();
  }

  /**
   * {@link #fromKeys} over an index as JDBC metadata reported it, for drivers that report an
   * expression's text as its column name (pgjdbc). Indexes over plain columns come back as they
   * were, names untouched.
   */
  static Index fromReported(Index reported) {
    if (reported.ignoreCase()
        || reported.columns().stream().allMatch(c -> identifier(c).isPresent())) {
      return reported;
    }
    return fromKeys(reported.name(), reported.unique(), reported.columns());
  }

  /** One table or schema name in {@code ON}: quoted any of three ways, or bare. */
  private static final String NAME_PART = "(?:\"(?:[^\"]|\"\")+\"|`[^`]+`|\\[[^\\]]+]|[\\w$]+)";

  /**
   * {@code ON table (}, up to the parenthesis that opens the key list; the table may be qualified
   * ({@code main."Users"}, as DuckDB writes it) and bare names may hold any letters ({@code café}).
   */
  private static final Pattern ON_TABLE =
      Pattern.compile("(?isU)\\bON\\s+" + NAME_PART + "(?:\\s*\\.\\s*" + NAME_PART + ")*\\s*\\(");

  /** The key parts of a {@code CREATE INDEX .. ON table (k1, k2) [WHERE ..]} statement. */
  static List<String> keyParts(String createIndex) {
    Matcher on = ON_TABLE.matcher(createIndex);
    if (!on.find()) {
      throw new IllegalArgumentException("not a CREATE INDEX statement: " + createIndex);
    }
    List<String> parts = new ArrayList<>();
    StringBuilder part = new StringBuilder();
    int depth = 0;
    char quote = 0;
    for (int i = on.end(); i < createIndex.length(); i++) {
      char ch = createIndex.charAt(i);
      if (quote != 0) {
        quote = ch == quote ? 0 : quote; // a doubled quote closes and reopens: same text
      } else if (ch == '"' || ch == '\'' || ch == '`') {
        quote = ch;
      } else if (ch == '(') {
        depth++;
      } else if (ch == ')' && depth-- == 0) {
        parts.add(part.toString().strip());
        return parts;
      } else if (ch == ',' && depth == 0) {
        parts.add(part.toString().strip());
        part.setLength(0);
        continue;
      }
      part.append(ch);
    }
    throw new IllegalArgumentException("unbalanced key list in " + createIndex);
  }

  /** {@code column IS NULL}, in as many parentheses as a database wraps it in. */
  private static final Pattern IS_NULL = Pattern.compile("(?is)^(.+?)\\s+IS\\s+NULL$");

  /**
   * The column of a live-rows-only predicate, {@code "deleted_at" IS NULL} as SQLite keeps it or
   * {@code (deleted_at IS NULL)} as PostgreSQL reports it; empty for any other predicate.
   */
  static Optional<String> whereNullColumn(String predicate) {
    Matcher m = IS_NULL.matcher(unwrap(predicate.strip()));
    return m.matches() ? identifier(unwrap(m.group(1).strip())) : Optional.empty();
  }

  /** The text after the key list of a {@code CREATE INDEX .. ON table (..) WHERE ..}, if any. */
  static Optional<String> predicate(String createIndex) {
    Matcher on = ON_TABLE.matcher(createIndex);
    if (!on.find()) {
      return Optional.empty();
    }
    int close = closingParenthesis(createIndex.substring(on.end() - 1));
    if (close < 0) {
      return Optional.empty();
    }
    Matcher where =
        Pattern.compile("(?is)^\\s*WHERE\\s+(.+?)\\s*;?\\s*$")
            .matcher(createIndex.substring(on.end() + close));
    return where.matches() ? Optional.of(where.group(1)) : Optional.empty();
  }

  /** {@code table} with the indexes named in {@code rebuilt} replaced (or added) by them. */
  static Table replace(Table table, List<Index> rebuilt) {
    Map<String, Index> byName =
        rebuilt.stream()
            .collect(
                Collectors.toMap(
                    ix -> ix.name().toLowerCase(Locale.ROOT), Function.identity(), (a, b) -> a));
    List<Index> out = new ArrayList<>();
    for (Index ix : table.indexes()) {
      Index replacement = byName.remove(ix.name().toLowerCase(Locale.ROOT));
      out.add(replacement != null ? replacement : ix);
    }
    rebuilt.stream()
        .filter(ix -> byName.containsKey(ix.name().toLowerCase(Locale.ROOT)))
        .forEach(out::add);
    return table.withIndexes(out);
  }
}
