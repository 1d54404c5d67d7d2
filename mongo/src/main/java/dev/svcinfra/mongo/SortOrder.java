package dev.svcinfra.mongo;

import com.mongodb.client.model.Sorts;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.bson.conversions.Bson;

/**
 * A parsed {@code order_by}: fields from an allowlist, {@code -} for descending, and {@code _id}
 * appended as the tie-breaker so pages never overlap or skip documents that share a value.
 *
 * @param keys the sort keys, tie-breaker included
 */
record SortOrder(List<Key> keys) {
  static final String PARAMETER = "order_by";

  /** One sort key; {@code field} is the stored name ({@code _id} for {@code id}). */
  record Key(String field, boolean ascending) {
    String render() {
      String shown = field.equals(DocumentIds.MONGO_ID) ? DocumentIds.ID : field;
      return ascending ? shown : "-" + shown;
    }
  }

  /**
   * Parses {@code spec} (or {@code defaults} when it is empty). {@code id} is always allowed.
   *
   * @throws MongoValidationException naming the field that is not allowed
   */
  static SortOrder parse(List<String> spec, Set<String> allowed, List<String> defaults) {
    List<String> items = spec == null || spec.isEmpty() ? defaults : spec;
    List<Key> keys = new ArrayList<>();
    boolean hasId = false;
    for (String item : items) {
      String text = item == null ? "" : item.strip();
      boolean descending = text.startsWith("-");
      String field = descending ? text.substring(1) : text;
      if (field.isEmpty()) {
        throw new MongoValidationException(PARAMETER, "empty field in order_by");
      }
      if (field.equals(DocumentIds.ID) || field.equals(DocumentIds.MONGO_ID)) {
        field = DocumentIds.MONGO_ID;
        hasId = true;
      } else if (!allowed.contains(field)) {
        throw new MongoValidationException(
            PARAMETER,
            "cannot order by '"
                + field
                + "': allowed are id"
                + (allowed.isEmpty() ? "" : ", " + String.join(", ", allowed)));
      }
      keys.add(new Key(field, !descending));
    }
    if (!hasId) {
      keys.add(new Key(DocumentIds.MONGO_ID, true));
    }
    return new SortOrder(List.copyOf(keys));
  }

  Bson toBson() {
    List<Bson> sorts = new ArrayList<>();
    for (Key key : keys) {
      sorts.add(key.ascending() ? Sorts.ascending(key.field()) : Sorts.descending(key.field()));
    }
    return Sorts.orderBy(sorts);
  }

  /** The canonical text form ({@code -created_at,id}), recorded in keyset cursors. */
  String render() {
    List<String> parts = new ArrayList<>();
    for (Key key : keys) {
      parts.add(key.render());
    }
    return String.join(",", parts);
  }
}
