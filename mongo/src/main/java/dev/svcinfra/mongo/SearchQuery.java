package dev.svcinfra.mongo;

import com.mongodb.client.model.Filters;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.bson.conversions.Bson;

/**
 * Case-insensitive "contains" over allowed fields. User text is matched literally: every ASCII
 * character that is not a letter, digit or space is escaped, so {@code .*}, {@code (}, {@code $} or
 * {@code \} never act as regular-expression syntax (a backslash before a non-alphanumeric character
 * is a literal in both PCRE and Java patterns, so the escaping holds on MongoDB and on the
 * in-process test server alike).
 */
final class SearchQuery {
  static final String FIELDS_PARAMETER = "fields";

  private SearchQuery() {}

  /** {@code text} with its regular-expression characters escaped. */
  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length() + 8);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean plain = c >= 128 || Character.isLetterOrDigit(c) || c == ' ';
      if (!plain) {
        out.append('\\');
      }
      out.append(c);
    }
    return out.toString();
  }

  /**
   * The filter matching documents where any of {@code fields} (all of {@code allowed} when empty)
   * contains {@code q}.
   *
   * @throws MongoValidationException when a field is not allowed or no field is searchable
   */
  static Bson filter(String q, List<String> fields, Set<String> allowed) {
    String pattern = escape(q);
    List<Bson> any = new ArrayList<>();
    for (String field : checkFields(fields, allowed)) {
      any.add(Filters.regex(field, pattern, "i"));
    }
    return any.size() == 1 ? any.get(0) : Filters.or(any);
  }

  /**
   * The fields a search looks in: {@code fields}, or every allowed field when it is empty.
   *
   * @throws MongoValidationException when a field is not allowed or no field is searchable
   */
  static List<String> checkFields(List<String> fields, Set<String> allowed) {
    List<String> chosen = fields == null || fields.isEmpty() ? List.copyOf(allowed) : fields;
    if (chosen.isEmpty()) {
      throw new MongoValidationException(
          FIELDS_PARAMETER, "search is not enabled: the repository declares no search fields");
    }
    for (String field : chosen) {
      if (!allowed.contains(field)) {
        throw new MongoValidationException(
            FIELDS_PARAMETER,
            "cannot search field '"
                + field
                + "': searchable fields are "
                + String.join(", ", allowed));
      }
    }
    return chosen;
  }
}
