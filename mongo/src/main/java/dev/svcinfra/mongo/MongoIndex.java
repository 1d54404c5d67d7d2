package dev.svcinfra.mongo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.bson.Document;

/**
 * One declared index: its collection, its fields in order ({@code -field} descending), and whether
 * it is unique or expires documents (TTL). {@link MongoIndexes#ensure} creates declared indexes
 * idempotently.
 *
 * <pre>{@code
 * MongoIndex email = MongoIndex.on("users", "email").unique();
 * MongoIndex recent = MongoIndex.on("users", "tenant_id", "-created_at");
 * MongoIndex expiry = MongoIndex.on("sessions", "expires_at").expireAfter(Duration.ZERO);
 * }</pre>
 *
 * @param collection the collection indexed
 * @param fields the indexed fields in order, {@code -} marking descending
 * @param name the index name; MongoDB's default ({@code tenant_id_1_created_at_-1}) when not given
 * @param isUnique whether two documents may not share the indexed values
 * @param expireAfter for a TTL index, how long after the indexed date a document is removed
 * @since 0.1
 */
public record MongoIndex(
    String collection,
    List<String> fields,
    String name,
    boolean isUnique,
    Optional<Duration> expireAfter) {

  public MongoIndex {
    if (collection == null
        || collection.isBlank()
        || collection.startsWith("system.")
        || collection.contains("$")) {
      throw new IllegalArgumentException("invalid collection name '" + collection + "'");
    }
    fields = List.copyOf(fields);
    if (fields.isEmpty()) {
      throw new IllegalArgumentException("an index on " + collection + " needs at least one field");
    }
    for (String field : fields) {
      String plain = field.startsWith("-") ? field.substring(1) : field;
      if (plain.isEmpty() || plain.startsWith("$")) {
        throw new IllegalArgumentException("invalid index field '" + field + "' on " + collection);
      }
    }
    Objects.requireNonNull(expireAfter, "expireAfter");
    if (expireAfter.isPresent()) {
      if (fields.size() != 1) {
        throw new IllegalArgumentException(
            "a TTL index must have exactly one field; " + collection + " declares " + fields);
      }
      if (expireAfter.get().isNegative()) {
        throw new IllegalArgumentException("a TTL must be 0 or more, got " + expireAfter.get());
      }
    }
    if (name == null || name.isBlank()) {
      name = defaultName(fields);
    }
  }

  /** An index on {@code fields} of {@code collection}. */
  public static MongoIndex on(String collection, String... fields) {
    return new MongoIndex(collection, List.of(fields), null, false, Optional.empty());
  }

  /** This index, unique. */
  public MongoIndex unique() {
    return new MongoIndex(collection, fields, name, true, expireAfter);
  }

  /** This index with a TTL: documents go {@code ttl} after the date in the single field. */
  public MongoIndex expireAfter(Duration ttl) {
    return new MongoIndex(collection, fields, name, isUnique, Optional.of(ttl));
  }

  /** This index under an explicit name. */
  public MongoIndex named(String indexName) {
    return new MongoIndex(collection, fields, indexName, isUnique, expireAfter);
  }

  /** The key document: {@code {tenant_id: 1, created_at: -1}}. */
  public Document keys() {
    Document keys = new Document();
    for (String field : fields) {
      boolean descending = field.startsWith("-");
      keys.append(descending ? field.substring(1) : field, descending ? -1 : 1);
    }
    return keys;
  }

  /** How it reads in CLI output: {@code users.email_1 unique}. */
  public String describe() {
    return collection
        + "."
        + name
        + (isUnique ? " unique" : "")
        + expireAfter.map(t -> " ttl=" + t.toSeconds() + "s").orElse("");
  }

  private static String defaultName(List<String> fields) {
    List<String> parts = new ArrayList<>();
    for (String field : fields) {
      boolean descending = field.startsWith("-");
      parts.add((descending ? field.substring(1) : field) + (descending ? "_-1" : "_1"));
    }
    return String.join("_", parts);
  }
}
