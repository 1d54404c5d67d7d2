package dev.svcinfra.migrate;

/**
 * One lint finding: the revision, the rule, and the statement it concerns.
 *
 * <pre>{@code
 * findings.forEach(f -> System.err.println(f.describe()));
 * }</pre>
 *
 * @since 0.1
 */
public record LintFinding(String revision, String origin, LintRule rule, String statement) {
  public String describe() {
    String sql = statement.replaceAll("\\s+", " ").strip();
    if (sql.length() > 120) {
      sql = sql.substring(0, 117) + "...";
    }
    return revision + " [" + rule.code() + "] " + rule.why() + ": " + sql;
  }
}
