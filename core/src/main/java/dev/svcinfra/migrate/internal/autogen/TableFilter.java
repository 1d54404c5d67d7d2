package dev.svcinfra.migrate.internal.autogen;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Which tables {@code check} and autogenerate look at: the include globs ({@code
 * ALEMBIC_INCLUDE_TABLES}, none: every table), minus the exclude globs ({@code
 * ALEMBIC_EXCLUDE_TABLES}) and the migration bookkeeping tables, then the code hook ({@code
 * MigrationBuilder.includeTable}). A table left out is neither reported nor created, changed or
 * dropped, whether the database has it or a model maps it.
 *
 * <p>Globs: {@code *} any run of characters, {@code ?} one character, every other character itself;
 * compared ignoring Unicode case with the table name and, for a table in an extra schema ({@code
 * ALEMBIC_INCLUDE_SCHEMAS}), also with {@code schema.table}. Only case is ignored: {@code café_*}
 * matches {@code CAFÉ_LOG} but not {@code cafe_log}, and full-width letters are other letters.
 *
 * <pre>{@code
 * TableFilter f = TableFilter.of(List.of(), List.of("legacy_*"), Set.of("svc_infra_version"), t -> true);
 * f.includes(null, "legacy_orders");   // false
 * f.includes("audit", "events");       // true
 * }</pre>
 */
public final class TableFilter {
  private final List<Pattern> include;
  private final List<Pattern> exclude;
  private final Set<String> bookkeeping;
  private final Predicate<String> hook;

  private TableFilter(
      List<Pattern> include,
      List<Pattern> exclude,
      Set<String> bookkeeping,
      Predicate<String> hook) {
    this.include = include;
    this.exclude = exclude;
    this.bookkeeping = bookkeeping;
    this.hook = hook;
  }

  /**
   * @param bookkeeping lower-case names of tables always left out (version, history, lock)
   * @param hook sees the qualified name ({@code schema.table}, or {@code table} in the default
   *     schema) of each table the globs let through
   */
  public static TableFilter of(
      List<String> includeGlobs,
      List<String> excludeGlobs,
      Set<String> bookkeeping,
      Predicate<String> hook) {
    return new TableFilter(
        includeGlobs.stream().map(TableFilter::glob).toList(),
        excludeGlobs.stream().map(TableFilter::glob).toList(),
        Set.copyOf(bookkeeping),
        hook);
  }

  /** Every table but {@code bookkeeping}. */
  public static TableFilter excluding(Set<String> bookkeeping) {
    return of(List.of(), List.of(), bookkeeping, t -> true);
  }

  /** Whether the table {@code name} in {@code schema} (null: the default schema) is looked at. */
  public boolean includes(String schema, String name) {
    if (bookkeeping.contains(name.toLowerCase(Locale.ROOT))) {
      return false;
    }
    String qualified = schema == null ? name : schema + "." + name;
    if (!include.isEmpty() && !matchesAny(include, name, qualified)) {
      return false;
    }
    return !matchesAny(exclude, name, qualified) && hook.test(qualified);
  }

  private static boolean matchesAny(List<Pattern> globs, String name, String qualified) {
    for (Pattern p : globs) {
      if (p.matcher(name).matches() || p.matcher(qualified).matches()) {
        return true;
      }
    }
    return false;
  }

  private static Pattern glob(String glob) {
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      switch (c) {
        case '*' -> regex.append(".*");
        case '?' -> regex.append('.');
        default -> regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(
        regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL);
  }
}
