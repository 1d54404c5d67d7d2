package dev.svcinfra.sql;

import java.util.Locale;

/**
 * One finished statement, as a {@link StatementListener} hears of it: its SQL with {@code ?} for
 * every bind value (the values themselves are never part of an event), the table it touches when
 * the statement was generated for a model (else null), its operation, how long it took and what it
 * returned or how it failed.
 *
 * @param sql the statement text as prepared: bind values appear as {@code ?}
 * @param table the table of the model the statement was generated for; null for hand-written SQL
 * @param operation the statement's leading keyword in upper case ({@code SELECT}, {@code INSERT},
 *     ...), or {@code OTHER}
 * @param nanos how long it ran, preparing and reading the result included
 * @param rows rows returned or changed; 0 when it failed
 * @param failure the translated failure, or null when the statement succeeded
 * @since 0.4
 */
public record StatementEvent(
    String sql, String table, String operation, long nanos, int rows, DatabaseException failure) {

  /** Whether the statement failed because the statement timeout ran out. */
  public boolean timedOut() {
    return failure instanceof StatementTimeoutException;
  }

  /**
   * The leading keyword of {@code sql}, upper case, when it is one of the verbs dashboards group
   * by; {@code OTHER} for anything else, so a label built from it stays a short, fixed list.
   */
  static String operationOf(String sql) {
    int start = 0;
    int n = sql.length();
    while (start < n && !Character.isLetter(sql.charAt(start))) {
      start++;
    }
    int end = start;
    while (end < n && Character.isLetter(sql.charAt(end))) {
      end++;
    }
    String word = sql.substring(start, end).toUpperCase(Locale.ROOT);
    return switch (word) {
      case "SELECT", "INSERT", "UPDATE", "DELETE", "MERGE", "WITH", "CREATE", "ALTER", "DROP" ->
          word;
      default -> "OTHER";
    };
  }
}
