package dev.svcinfra.migrate.internal.script;

import dev.svcinfra.ErrorCode;
import dev.svcinfra.migrate.MigrationException;
import dev.svcinfra.migrate.Revision;
import dev.svcinfra.migrate.internal.script.RevisionBody.Direction;
import dev.svcinfra.sql.dialect.Dialect;
import dev.svcinfra.sql.dialect.Dialects;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a revision file ({@code versions/<rev>_<slug>.sql}): a header of {@code -- key: value}
 * lines ({@code revision}, {@code down_revision} comma-separated and empty for a base, optional
 * {@code depends_on}, {@code message}, {@code transactional: false}), then {@code -- +upgrade} and
 * {@code -- +downgrade} sections, each optionally naming dialects ({@code -- +upgrade
 * postgresql,mysql}).
 *
 * <pre>{@code
 * Revision r = RevisionFile.read(Path.of("migrations/versions/1a2b3c4d5e6f_add_users.sql"));
 * }</pre>
 *
 * @since 0.1
 */
public final class RevisionFile {
  static final Pattern HEADER = Pattern.compile("^--\\s*([a-z_]+)\\s*:(.*)$");
  static final Pattern SECTION = Pattern.compile("^--\\s*\\+(upgrade|downgrade)\\b(.*)$");

  /** Separators in a section's dialect list; compiled once, as every file has sections. */
  private static final Pattern DIALECT_SEPARATORS = Pattern.compile("[,\\s]+");

  private static final String BYTE_ORDER_MARK = "\uFEFF";

  private RevisionFile() {}

  public static Revision read(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new MigrationException(
          ErrorCode.REVISION_FILE_INVALID,
          "cannot read revision file " + file + ": " + e.getMessage(),
          e);
    }
    return parse(text, file.toString(), file.getFileName().toString());
  }

  /** Parses revision text that is not (yet) in a file; {@code origin} names it in errors. */
  public static Revision parse(String text, String origin) {
    return parse(text, origin, null);
  }

  /** Parses revision text; {@code origin} names it in errors, {@code fileName} is checked. */
  static Revision parse(String rawText, String origin, String fileName) {
    // Editors on some systems save UTF-8 with a byte-order mark; it is not part of the first
    // line, which would otherwise not read as "-- revision:" (issue 16).
    String text =
        (rawText.startsWith(BYTE_ORDER_MARK) ? rawText.substring(1) : rawText)
            .replace("\r\n", "\n");
    Map<String, String> header = new LinkedHashMap<>();
    List<SqlScript.Section> sections = new ArrayList<>();
    Direction direction = null;
    Set<String> dialects = Set.of();
    StringBuilder body = new StringBuilder();
    int lineNo = 0;
    for (String line : text.split("\n", -1)) {
      lineNo++;
      Matcher section = SECTION.matcher(line.strip());
      if (section.matches()) {
        if (direction != null) {
          sections.add(new SqlScript.Section(direction, dialects, body.toString()));
        }
        direction = Direction.valueOf(section.group(1).toUpperCase(Locale.ROOT));
        dialects = dialectNames(section.group(2), origin, lineNo);
        body.setLength(0);
        continue;
      }
      if (direction != null) {
        body.append(line).append('\n');
        continue;
      }
      Matcher h = HEADER.matcher(line.strip());
      if (h.matches() && !header.containsKey(h.group(1))) {
        header.put(h.group(1), h.group(2).strip());
      }
    }
    if (direction != null) {
      sections.add(new SqlScript.Section(direction, dialects, body.toString()));
    }
    String id = require(header, "revision", origin);
    RevisionIds.check(id, origin);
    if (!header.containsKey("down_revision")) {
      throw invalid(
          origin,
          "the header has no '-- down_revision:' line (leave it empty for a " + "base revision)");
    }
    if (fileName != null && !(fileName.equals(id + ".sql") || fileName.startsWith(id + "_"))) {
      throw invalid(origin, "the file name does not start with its revision id '" + id + "_'");
    }
    if (sections.isEmpty()) {
      throw invalid(origin, "no '-- +upgrade' section");
    }
    String transactional = header.getOrDefault("transactional", "true").toLowerCase(Locale.ROOT);
    if (!transactional.equals("true") && !transactional.equals("false")) {
      throw invalid(
          origin, "'-- transactional:' must be true or false, not '" + transactional + "'");
    }
    return new Revision(
        id,
        ids(header.get("down_revision"), origin),
        ids(header.getOrDefault("depends_on", ""), origin),
        header.getOrDefault("message", ""),
        origin,
        Optional.of(checksum(text)),
        new SqlScript(sections, transactional.equals("true"), origin));
  }

  private static Set<String> dialectNames(String list, String origin, int lineNo) {
    Set<String> names = new LinkedHashSet<>();
    for (String name : DIALECT_SEPARATORS.split(list, -1)) {
      if (name.isBlank()) {
        continue;
      }
      Optional<Dialect> d = Dialects.forScheme(name);
      if (d.isEmpty()) {
        throw invalid(origin, "line " + lineNo + " names the unknown dialect '" + name + "'");
      }
      names.add(d.get().name());
    }
    return names;
  }

  private static List<String> ids(String list, String origin) {
    return Arrays.stream(list.split(",", -1))
        .map(String::strip)
        .filter(s -> !s.isEmpty())
        .map(s -> RevisionIds.check(s, origin))
        .toList();
  }

  private static String require(Map<String, String> header, String key, String origin) {
    String v = header.get(key);
    if (v == null || v.isBlank()) {
      throw invalid(origin, "the header has no '-- " + key + ":' line");
    }
    return v;
  }

  private static MigrationException invalid(String origin, String what) {
    return new MigrationException(
        ErrorCode.REVISION_FILE_INVALID, "invalid revision file " + origin + ": " + what);
  }

  /** SHA-256 of the text with line endings normalised, so a checkout on Windows is not drift. */
  public static String checksum(String text) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of()
          .formatHex(sha.digest(text.replace("\r\n", "\n").getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
