package dev.svcinfra.sql.repo;

import dev.svcinfra.sql.FieldError;
import dev.svcinfra.sql.ValidationException;
import dev.svcinfra.sql.model.ColumnType;
import dev.svcinfra.sql.model.internal.MappedColumn;
import dev.svcinfra.sql.model.internal.TableMapping;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The search condition: a case-insensitive "contains" over allowlisted text columns, written by the
 * dialect ({@code ILIKE} or {@code LOWER(..) LIKE LOWER(..)}, with an escape character so {@code
 * %}, {@code _} and {@code \} in the text match literally). Ignoring case means Unicode lowercase
 * on every dialect, and nothing else: accents, width and spaces still count.
 */
final class SearchFilter {
  private SearchFilter() {}

  /** The columns to search: the named ones, each allowlisted, or all search fields. */
  static List<MappedColumn> columns(
      TableMapping<?> mapping, Map<String, MappedColumn> searchable, List<String> fields) {
    if (fields == null || fields.isEmpty()) {
      if (searchable.isEmpty()) {
        throw ValidationException.of(
            "fields", FieldError.NOT_ALLOWED, mapping.table().name() + " has no search fields");
      }
      return searchable.values().stream()
          .sorted(Comparator.comparing(MappedColumn::position))
          .toList();
    }
    List<MappedColumn> out = new ArrayList<>();
    List<FieldError> errors = new ArrayList<>();
    for (String f : fields) {
      MappedColumn c = searchable.get(f);
      if (c == null) {
        errors.add(
            new FieldError(
                "fields",
                FieldError.NOT_ALLOWED,
                "cannot search '"
                    + f
                    + "'; allowed: "
                    + searchable.keySet().stream().sorted().toList()));
      } else {
        out.add(c);
      }
    }
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
    return out;
  }

  /** ANDs "any of {@code in} contains {@code q}, ignoring case" to {@code c}. */
  static void apply(TableStatements<?> s, Conditions c, List<MappedColumn> in, String q) {
    if (in.isEmpty()) {
      return;
    }
    if (q.indexOf('\0') >= 0) {
      // SQLite's LIKE ends its pattern at a NUL, so "%\0%" would match every row; PostgreSQL
      // cannot hold NUL in text at all. No stored text can contain it on every dialect, so the
      // search is refused the same way everywhere (issue 16).
      throw ValidationException.of(
          "q", FieldError.INVALID_VALUE, "must not contain the NUL character (U+0000)");
    }
    StringBuilder any = new StringBuilder("(");
    String pattern = s.dialect.containsPattern(q);
    for (int i = 0; i < in.size(); i++) {
      any.append(i == 0 ? "" : " OR ").append(s.dialect.containsIgnoreCase(s.quoted(in.get(i))));
    }
    c.and(any.append(')').toString());
    for (int i = 0; i < in.size(); i++) {
      c.value(pattern, ColumnType.of(ColumnType.Kind.TEXT));
    }
  }
}
