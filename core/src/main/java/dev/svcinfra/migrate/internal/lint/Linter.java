package dev.svcinfra.migrate.internal.lint;

import dev.svcinfra.migrate.LintFinding;
import dev.svcinfra.migrate.LintRule;
import dev.svcinfra.migrate.Revision;
import dev.svcinfra.migrate.internal.script.RevisionBody.Direction;
import dev.svcinfra.migrate.internal.script.SqlScript;
import dev.svcinfra.sql.dialect.Dialect;
import dev.svcinfra.sql.dialect.internal.StatementSplitter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks the upgrade statements a revision runs on one dialect for destructive or locking
 * operations. Statements on a table created earlier in the same revision are exempt from the rules
 * about existing data. A statement carrying {@code -- lint:allow} (every rule) or {@code --
 * lint:allow drop_column,type_change} is exempt from those rules. Java revisions are code and are
 * not linted.
 *
 * <pre>{@code
 * List<LintFinding> findings = new Linter(Dialects.POSTGRESQL, Set.of()).lint(revision);
 * }</pre>
 *
 * @since 0.1
 */
public final class Linter {
  private static final String NAME = "((?:[`\"\\[]?[\\w$]+[`\"\\]]?\\.)?[`\"\\[]?[\\w$]+[`\"\\]]?)";
  private static final Pattern CREATE_TABLE =
      Pattern.compile("^CREATE\\s+(?:TEMP\\w*\\s+)?TABLE\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?" + NAME);
  private static final Pattern DROP_TABLE = Pattern.compile("^DROP\\s+TABLE\\b");
  private static final Pattern ALTER_TABLE =
      Pattern.compile("^ALTER\\s+TABLE\\s+(?:IF\\s+EXISTS\\s+)?(?:ONLY\\s+)?" + NAME);
  private static final Pattern DROP_COLUMN =
      Pattern.compile(
          "\\bDROP\\s+(?:COLUMN\\b|(?!CONSTRAINT\\b|INDEX\\b|KEY\\b|DEFAULT\\b|NOT\\b|PRIMARY\\b"
              + "|FOREIGN\\b|CHECK\\b|PARTITION\\b|IDENTITY\\b|EXPRESSION\\b|SYSTEM\\b)[`\"\\[]?\\w+)");
  private static final Pattern TYPE_CHANGE =
      Pattern.compile(
          "\\bALTER\\s+(?:COLUMN\\s+)?\\S+\\s+(?:SET\\s+DATA\\s+)?TYPE\\b|\\bMODIFY\\s+(?:COLUMN\\s+)?"
              + "\\S+\\s+\\w|\\bCHANGE\\s+(?:COLUMN\\s+)?\\S+\\s+\\S+\\s+\\w"
              + "|\\bALTER\\s+COLUMN\\s+\\S+\\s+(?!SET\\b|DROP\\b|TYPE\\b|ADD\\b)\\w");
  private static final Pattern ADD_NOT_NULL =
      Pattern.compile(
          "\\bADD\\s+(?:COLUMN\\s+)?(?!CONSTRAINT\\b|INDEX\\b|PRIMARY\\b|UNIQUE\\b|FOREIGN\\b|CHECK\\b)"
              + "[^,]*?\\bNOT\\s+NULL\\b");
  private static final Pattern SET_NOT_NULL = Pattern.compile("\\bSET\\s+NOT\\s+NULL\\b");
  private static final Pattern CREATE_INDEX =
      Pattern.compile(
          "^CREATE\\s+(?:UNIQUE\\s+)?INDEX\\s+(CONCURRENTLY\\s+)?.*?\\bON\\s+(?:ONLY\\s+)?" + NAME,
          Pattern.DOTALL);
  private static final Pattern RENAME_COLUMN =
      Pattern.compile("\\bRENAME\\s+COLUMN\\s+" + NAME + "\\s+TO\\b");
  private static final Pattern ALLOW =
      Pattern.compile("--\\s*lint:allow\\b([ \\t]+[\\w, \\t]+)?", Pattern.CASE_INSENSITIVE);

  private final Dialect dialect;
  private final Set<String> mappedColumns;

  /**
   * @param mappedColumns {@code table.column} pairs the models map (lower case); empty when no
   *     models are known, which turns the rename rule off
   */
  public Linter(Dialect dialect, Set<String> mappedColumns) {
    this.dialect = dialect;
    this.mappedColumns = Set.copyOf(mappedColumns);
  }

  /** Findings in the upgrade statements {@code revision} runs on this linter's dialect. */
  public List<LintFinding> lint(Revision revision) {
    if (!(revision.body() instanceof SqlScript sql)) {
      return List.of();
    }
    List<LintFinding> out = new ArrayList<>();
    Set<String> created = new HashSet<>();
    for (String statement : sql.statements(Direction.UPGRADE, dialect.name())) {
      Set<String> allowed = allowed(statement);
      String text =
          StatementSplitter.stripComments(statement, dialect.sqlSyntax())
              .strip()
              .replaceAll("\\s+", " ")
              .toUpperCase(Locale.ROOT);
      for (LintRule rule : check(text, created)) {
        if (!allowed.contains("*") && !allowed.contains(rule.code())) {
          out.add(new LintFinding(revision.id(), revision.origin(), rule, statement));
        }
      }
      Matcher c = CREATE_TABLE.matcher(text);
      if (c.find()) {
        created.add(bare(c.group(1)));
      }
    }
    return out;
  }

  private List<LintRule> check(String text, Set<String> created) {
    List<LintRule> rules = new ArrayList<>();
    if (DROP_TABLE.matcher(text).find()) {
      rules.add(LintRule.DROP_TABLE);
    }
    Matcher alter = ALTER_TABLE.matcher(text);
    if (alter.find()) {
      String table = bare(alter.group(1));
      String rest = text.substring(alter.end());
      if (DROP_COLUMN.matcher(rest).find()) {
        rules.add(LintRule.DROP_COLUMN);
      }
      if (TYPE_CHANGE.matcher(rest).find()) {
        rules.add(LintRule.TYPE_CHANGE);
      }
      boolean addsNotNull = ADD_NOT_NULL.matcher(rest).find() && !rest.contains(" DEFAULT ");
      if (!created.contains(table) && (addsNotNull || SET_NOT_NULL.matcher(rest).find())) {
        rules.add(LintRule.NOT_NULL_WITHOUT_DEFAULT);
      }
      Matcher rename = RENAME_COLUMN.matcher(rest);
      if (rename.find() && mappedColumns.contains(table + "." + bare(rename.group(1)))) {
        rules.add(LintRule.RENAME_MAPPED_COLUMN);
      }
    }
    Matcher index = CREATE_INDEX.matcher(text);
    if (dialect.supportsConcurrentIndexBuild()
        && index.find()
        && index.group(1) == null
        && !created.contains(bare(index.group(2)))) {
      rules.add(LintRule.INDEX_WITHOUT_CONCURRENTLY);
    }
    return rules;
  }

  /** A name without quotes or schema, lower case: {@code "public"."Users"} is {@code users}. */
  private static String bare(String name) {
    String last = name.substring(name.lastIndexOf('.') + 1);
    return last.replaceAll("[`\"\\[\\]]", "").toLowerCase(Locale.ROOT);
  }

  /** The rule codes a statement's {@code -- lint:allow} comment names; {@code *} for all. */
  private static Set<String> allowed(String statement) {
    Set<String> out = new HashSet<>();
    Matcher m = ALLOW.matcher(statement);
    while (m.find()) {
      String list = m.group(1);
      if (list == null || list.isBlank()) {
        out.add("*");
      } else {
        for (String code : list.split("[,\\s]+", -1)) {
          if (!code.isBlank()) {
            out.add(code.toLowerCase(Locale.ROOT));
          }
        }
      }
    }
    return out;
  }
}
