package dev.svcinfra.mongo;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoServerException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.bson.Document;

/**
 * Creates declared indexes idempotently, at start-up or from {@code svc-infra mongo prepare}: an
 * index already present with the same keys and options is left alone, a missing one is created, and
 * one that exists with other options is an {@link IndexConflictException} (never dropped behind the
 * operator's back).
 *
 * <pre>{@code
 * List<MongoIndexes.Outcome> done = MongoIndexes.ensure(Mongo.acquireDb(), List.of(
 *     MongoIndex.on("users", "email").unique(),
 *     MongoIndex.on("sessions", "expires_at").expireAfter(Duration.ZERO)));
 * }</pre>
 *
 * @since 0.1
 */
public final class MongoIndexes {
  private MongoIndexes() {}

  /** What {@link #ensure} did with one index. */
  public enum Status {
    CREATED,
    PRESENT;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * The result for one declared index.
   *
   * @param index the declaration
   * @param status created now, or present already
   */
  public record Outcome(MongoIndex index, Status status) {}

  /**
   * Makes every declared index exist, in order, and says what it did with each. Stops at the first
   * conflict; indexes before it stay created (creating an index is safe to repeat).
   */
  public static List<Outcome> ensure(MongoDatabase database, List<MongoIndex> indexes) {
    List<Outcome> outcomes = new ArrayList<>();
    for (MongoIndex index : indexes) {
      outcomes.add(ensure(database, index));
    }
    return outcomes;
  }

  private static Outcome ensure(MongoDatabase database, MongoIndex index) {
    MongoCollection<Document> collection = database.getCollection(index.collection());
    for (Document existing :
        MongoErrors.translate(
            index.collection(), () -> collection.listIndexes().into(new ArrayList<>()))) {
      boolean sameName = index.name().equals(existing.getString("name"));
      boolean sameKeys = index.keys().equals(normalizedKeys(existing));
      if (sameName || sameKeys) {
        Optional<String> difference = difference(index, existing);
        if (difference.isPresent()) {
          throw new IndexConflictException(
              index,
              "index '" + existing.getString("name") + "' already exists with " + difference.get(),
              null);
        }
        return new Outcome(index, Status.PRESENT);
      }
    }
    IndexOptions options = new IndexOptions().name(index.name()).unique(index.isUnique());
    index.expireAfter().ifPresent(t -> options.expireAfter(t.toSeconds(), TimeUnit.SECONDS));
    try {
      MongoErrors.translate(
          index.collection(), () -> collection.createIndex(index.keys(), options));
    } catch (DuplicateKeyException e) {
      throw new IndexConflictException(
          index, "existing documents hold duplicate values for " + index.fields(), e);
    } catch (MongoServerException e) {
      throw new IndexConflictException(
          index,
          "the server refused it (code "
              + e.getCode()
              + ", "
              + ErrorCategory.fromErrorCode(e.getCode())
              + ")",
          e);
    }
    return new Outcome(index, Status.CREATED);
  }

  /** What differs between the declaration and an existing index, if anything. */
  private static Optional<String> difference(MongoIndex index, Document existing) {
    List<String> diffs = new ArrayList<>();
    if (!index.keys().equals(normalizedKeys(existing))) {
      diffs.add(
          "keys "
              + existing.get("key", Document.class).toJson()
              + " instead of "
              + index.keys().toJson());
    }
    if (!index.name().equals(existing.getString("name"))) {
      diffs.add("name '" + existing.getString("name") + "' instead of '" + index.name() + "'");
    }
    if (index.isUnique() != Boolean.TRUE.equals(existing.getBoolean("unique"))) {
      diffs.add(index.isUnique() ? "no unique constraint" : "a unique constraint");
    }
    Long ttl = existing.get("expireAfterSeconds") instanceof Number n ? n.longValue() : null;
    Long declared = index.expireAfter().map(d -> d.toSeconds()).orElse(null);
    if (!Objects.equals(ttl, declared)) {
      diffs.add(ttl == null ? "no TTL" : "TTL " + ttl + " s");
    }
    return diffs.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", diffs));
  }

  /** The key document with directions as integers (servers answer 1, 1.0 or 1L). */
  private static Document normalizedKeys(Document existing) {
    Document keys = new Document();
    Document raw = existing.get("key", Document.class);
    if (raw != null) {
      raw.forEach((k, v) -> keys.append(k, v instanceof Number n ? n.intValue() : v));
    }
    return keys;
  }
}
