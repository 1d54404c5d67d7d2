package dev.svcinfra.mongo;

import com.mongodb.client.FindIterable;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import com.mongodb.client.result.DeleteResult;
import com.mongodb.client.result.UpdateResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * CRUD, search and pagination over one collection, with the rules of the SQL repository: soft
 * delete (a missing or null {@code deleted_at} means alive; deleted documents are invisible to
 * every read and write), immutable fields ignored on update, timestamps set here, {@code _id}
 * exposed as a string {@code id} (ObjectId or string ids), search that matches user text literally
 * over allowed fields only, ordering from an allowlist with {@code id} as tie-breaker, limit/offset
 * and keyset pagination. Documents go in and come out as maps.
 *
 * <pre>{@code
 * MongoRepository users = MongoRepository.builder(db, "users")
 *     .softDelete().searchFields("name", "email").orderFields("created_at", "name").build();
 * Map<String, Object> created = users.create(Map.of("name", "Ada", "email", "ada@example.com"));
 * }</pre>
 *
 * <p>Failures are {@link MongoStoreException}s: {@link DocumentNotFoundException}, {@link
 * DuplicateKeyException}, {@link MongoValidationException}, {@link MongoUnavailableException}.
 * Thread-safe.
 *
 * @since 0.1
 */
public final class MongoRepository {
  private static final String LIMIT = "limit";
  private static final String OFFSET = "offset";

  private final MongoCollection<Document> collection;
  private final RepositoryRules rules;
  private final StoredForm storedForm;

  private MongoRepository(MongoCollection<Document> collection, RepositoryRules rules) {
    this.collection = collection;
    this.rules = rules;
    this.storedForm = new StoredForm(collection.getCodecRegistry());
  }

  /** Starts a repository over {@code collectionName} in {@code database}. */
  public static Builder builder(MongoDatabase database, String collectionName) {
    return new Builder(database.getCollection(collectionName));
  }

  /**
   * This repository restricted to documents whose {@code field} equals {@code value} (a tenant):
   * reads and writes see only those, create stores the value (input naming another value is
   * refused), update never changes it, and another tenant's document is "not found".
   */
  public MongoRepository scopedTo(String field, Object value) {
    return new MongoRepository(collection, rules.withScope(field, value));
  }

  public String collectionName() {
    return collection.getNamespace().getCollectionName();
  }

  /** Live documents in {@code orderBy} order ({@code -field} descending; empty: the default). */
  public List<Map<String, Object>> list(int limit, int offset, List<String> orderBy) {
    return find(rules.alive(), limit, offset, orderBy);
  }

  /** The live document with {@code id}, if any. */
  public Optional<Map<String, Object>> get(String id) {
    Document found = call(() -> collection.find(byId(id)).first());
    return Optional.ofNullable(found).map(DocumentIds::toOutput);
  }

  public boolean exists(String id) {
    return call(() -> collection.countDocuments(byId(id))) > 0;
  }

  /**
   * Stores a new document and returns it as {@link #get} will: values in the types reads decode (an
   * {@code Instant} as a {@code Date}, a {@code Set} as a {@code List}, ...), sharing nothing with
   * {@code values}. An {@code id} in {@code values} becomes a string {@code _id}; without one the
   * driver's ObjectId is used.
   *
   * @throws DuplicateKeyException when a unique index already holds a value
   * @throws MongoValidationException for a field name MongoDB or the rules refuse
   */
  public Map<String, Object> create(Map<String, ?> values) {
    Document doc = rules.forCreate(values, now());
    call(() -> collection.insertOne(doc));
    // insertOne added the generated _id to doc. Decoding doc's encoding gives what a read of the
    // stored bytes gives, without a second request.
    return DocumentIds.toOutput(storedForm.of(doc));
  }

  /**
   * Sets the given fields on a live document and returns it after the change, as the server holds
   * it (so as {@link #get} will); immutable fields in {@code values} are ignored.
   *
   * @throws DocumentNotFoundException when no live document has {@code id}
   */
  public Map<String, Object> update(String id, Map<String, ?> values) {
    List<Bson> sets = new ArrayList<>();
    rules.forUpdate(values, now()).forEach((k, v) -> sets.add(Updates.set(k, v)));
    if (sets.isEmpty()) {
      return get(id).orElseThrow(() -> new DocumentNotFoundException(collectionName(), id));
    }
    Document updated =
        call(
            () ->
                collection.findOneAndUpdate(
                    byId(id),
                    Updates.combine(sets),
                    new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER)));
    if (updated == null) {
      throw new DocumentNotFoundException(collectionName(), id);
    }
    return DocumentIds.toOutput(updated);
  }

  /**
   * Deletes a live document: marks it deleted when soft delete is on, removes it otherwise.
   *
   * @throws DocumentNotFoundException when no live document has {@code id} (deleting twice)
   */
  public void delete(String id) {
    long affected;
    if (rules.softDeleteField().isPresent()) {
      UpdateResult r =
          call(
              () ->
                  collection.updateOne(
                      byId(id), Updates.set(rules.softDeleteField().get(), now())));
      affected = r.getMatchedCount();
    } else {
      DeleteResult r = call(() -> collection.deleteOne(byId(id)));
      affected = r.getDeletedCount();
    }
    if (affected == 0) {
      throw new DocumentNotFoundException(collectionName(), id);
    }
  }

  /**
   * Live documents where any of {@code fields} (empty: every search field) contains {@code q},
   * ignoring case; a blank {@code q} matches every live document.
   *
   * @throws MongoValidationException when a field is not a declared search field
   */
  public List<Map<String, Object>> search(
      String q, List<String> fields, int limit, int offset, List<String> orderBy) {
    return find(searchFilter(q, fields), limit, offset, orderBy);
  }

  /** How many live documents there are. */
  public long count() {
    return call(() -> collection.countDocuments(rules.alive()));
  }

  /** How many live documents {@link #search} would find in total. */
  public long countSearch(String q, List<String> fields) {
    Bson filter = searchFilter(q, fields);
    return call(() -> collection.countDocuments(filter));
  }

  /**
   * A page of keyset pagination: documents after {@code cursor} (null: from the start) in {@code
   * orderBy} order. Unlike offsets, each page costs the same however deep it is. Missing and null
   * values take MongoDB's place (before all others ascending); an order field should hold one type
   * throughout, since comparisons do not cross BSON types.
   *
   * @throws MongoValidationException for a cursor made for another order or not issued here
   */
  public KeysetPage page(int limit, List<String> orderBy, String cursor) {
    checkLimit(limit);
    SortOrder order = rules.order(orderBy);
    Bson filter =
        cursor == null || cursor.isBlank()
            ? rules.alive()
            : Filters.and(rules.alive(), KeysetCursor.after(cursor, order));
    List<Document> docs =
        call(
            () ->
                collection
                    .find(filter)
                    .sort(order.toBson())
                    .limit(Math.min(limit, Integer.MAX_VALUE - 1) + 1)
                    .into(new ArrayList<>()));
    boolean more = docs.size() > limit;
    List<Document> shown = more ? docs.subList(0, limit) : docs;
    Optional<String> next =
        more
            ? Optional.of(KeysetCursor.encode(order, shown.get(shown.size() - 1)))
            : Optional.empty();
    return new KeysetPage(shown.stream().map(DocumentIds::toOutput).toList(), next);
  }

  private List<Map<String, Object>> find(Bson filter, int limit, int offset, List<String> orderBy) {
    checkLimit(limit);
    if (offset < 0) {
      throw new MongoValidationException(OFFSET, "offset must be 0 or more, got " + offset);
    }
    Bson sort = rules.order(orderBy).toBson();
    List<Document> docs =
        call(
            () -> {
              FindIterable<Document> it =
                  collection.find(filter).sort(sort).skip(offset).limit(limit);
              return it.into(new ArrayList<>());
            });
    return docs.stream().map(DocumentIds::toOutput).toList();
  }

  private Bson searchFilter(String q, List<String> fields) {
    if (q == null || q.isBlank()) {
      // Still refuse disallowed fields, so a bad request fails the same way with or without q.
      if (fields != null && !fields.isEmpty()) {
        SearchQuery.checkFields(fields, rules.searchFields());
      }
      return rules.alive();
    }
    return Filters.and(rules.alive(), SearchQuery.filter(q.strip(), fields, rules.searchFields()));
  }

  private Bson byId(String id) {
    return Filters.and(rules.alive(), DocumentIds.filter(id));
  }

  private <T> T call(Supplier<T> operation) {
    return MongoErrors.translate(collectionName(), operation);
  }

  /** MongoDB stores milliseconds; truncating here makes the returned value equal the stored one. */
  private static Date now() {
    return Date.from(Instant.ofEpochMilli(System.currentTimeMillis()));
  }

  private static void checkLimit(int limit) {
    // A limit of 0 means "no limit" to MongoDB: refusing it keeps a typo from reading everything.
    if (limit < 1) {
      throw new MongoValidationException(LIMIT, "limit must be 1 or more, got " + limit);
    }
  }

  /**
   * Declares a repository's rules. Defaults: hard delete, timestamps {@code created_at} and {@code
   * updated_at} on, immutable {@code id}, {@code created_at}, {@code updated_at}, no search or
   * order fields beyond {@code id}, default order {@code id}, any field writable.
   */
  public static final class Builder {
    private final MongoCollection<Document> collection;
    private final RepositoryRules.Draft draft = new RepositoryRules.Draft();

    private Builder(MongoCollection<Document> collection) {
      this.collection = collection;
    }

    /** Soft delete with the {@code deleted_at} field. */
    public Builder softDelete() {
      return softDelete(RepositoryRules.DEFAULT_SOFT_DELETE_FIELD);
    }

    /** Soft delete with the named timestamp field. */
    public Builder softDelete(String field) {
      draft.softDeleteField = RepositoryRules.checkName(field);
      return this;
    }

    /** Whether {@code created_at} and {@code updated_at} are set by the repository. */
    public Builder timestamps(boolean enabled) {
      draft.timestamps = enabled;
      return this;
    }

    /** Fields ignored on update, in addition to id, the timestamps and the scope field. */
    public Builder immutableFields(String... fields) {
      addNames(draft.immutable, fields);
      return this;
    }

    /** The fields {@code search} may look in (all of them when a search names none). */
    public Builder searchFields(String... fields) {
      addNames(draft.searchFields, fields);
      return this;
    }

    /** The fields lists may be ordered by ({@code id} is always allowed). */
    public Builder orderFields(String... fields) {
      addNames(draft.orderFields, fields);
      return this;
    }

    /** The order used when a caller gives none, such as {@code "-created_at"}. */
    public Builder defaultOrder(String... items) {
      draft.defaultOrder = List.of(items);
      return this;
    }

    /**
     * Restricts writes to these fields (plus {@code id} on create): any other field in a create or
     * update is a validation error instead of being stored.
     */
    public Builder writableFields(String... fields) {
      draft.writable = new LinkedHashSet<>();
      addNames(draft.writable, fields);
      return this;
    }

    private static void addNames(Set<String> target, String... fields) {
      for (String f : fields) {
        target.add(RepositoryRules.checkName(f));
      }
    }

    /** The repository; an invalid default order fails here, not on the first request. */
    public MongoRepository build() {
      RepositoryRules rules = draft.build();
      rules.order(List.of());
      return new MongoRepository(collection, rules);
    }
  }
}
