package dev.svcinfra.mongo;

import com.mongodb.client.model.Filters;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The rules of one repository, fixed when it is built: which documents are alive and in scope,
 * which fields may be written, searched and ordered by, and what create and update store.
 */
final class RepositoryRules {
  static final String DEFAULT_SOFT_DELETE_FIELD = "deleted_at";
  static final String CREATED_AT = "created_at";
  static final String UPDATED_AT = "updated_at";

  private final Optional<String> softDeleteField;
  private final boolean timestamps;
  private final Set<String> immutable;
  private final Set<String> searchFields;
  private final Set<String> orderFields;
  private final List<String> defaultOrder;
  private final Optional<Set<String>> writable;
  private final Optional<String> scopeField;
  private final Object scopeValue;

  /** A private copy of what the builder held, so a scoped copy starts from the same rules. */
  private final Draft draft;

  private RepositoryRules(Draft d, Optional<String> scopeField, Object scopeValue) {
    this.softDeleteField = Optional.ofNullable(d.softDeleteField);
    this.timestamps = d.timestamps;
    Set<String> fixed = new LinkedHashSet<>(d.immutable);
    fixed.add(DocumentIds.ID);
    fixed.add(DocumentIds.MONGO_ID);
    fixed.add(CREATED_AT);
    fixed.add(UPDATED_AT);
    softDeleteField.ifPresent(fixed::add);
    scopeField.ifPresent(fixed::add);
    this.immutable = Set.copyOf(fixed);
    this.searchFields = Collections.unmodifiableSet(new LinkedHashSet<>(d.searchFields));
    this.orderFields = Set.copyOf(d.orderFields);
    this.defaultOrder = d.defaultOrder.isEmpty() ? List.of(DocumentIds.ID) : d.defaultOrder;
    this.writable = Optional.ofNullable(d.writable).map(Set::copyOf);
    this.scopeField = scopeField;
    this.scopeValue = scopeValue;
    this.draft = d.copy();
  }

  RepositoryRules withScope(String field, Object value) {
    Objects.requireNonNull(value, "scope value");
    return new RepositoryRules(draft, Optional.of(checkName(field)), value);
  }

  Optional<String> softDeleteField() {
    return softDeleteField;
  }

  Set<String> searchFields() {
    return searchFields;
  }

  /** Matches live documents inside the scope. */
  Bson alive() {
    List<Bson> all = new ArrayList<>();
    // {field: null} matches a missing field as well as an explicit null.
    softDeleteField.ifPresent(f -> all.add(Filters.eq(f, null)));
    scopeField.ifPresent(f -> all.add(Filters.eq(f, scopeValue)));
    return all.isEmpty() ? new Document() : all.size() == 1 ? all.get(0) : Filters.and(all);
  }

  SortOrder order(List<String> spec) {
    return SortOrder.parse(spec, orderFields, defaultOrder);
  }

  /** The document to insert: checked fields, the id, timestamps and scope value set. */
  Document forCreate(Map<String, ?> values, Date now) {
    requireValues(values);
    Document doc = new Document();
    Object id = values.get(DocumentIds.ID);
    if (id != null) {
      if (!(id instanceof String text) || text.isBlank()) {
        throw new MongoValidationException(DocumentIds.ID, "id must be a non-blank string");
      }
      doc.put(DocumentIds.MONGO_ID, text);
    }
    for (Map.Entry<String, ?> e : values.entrySet()) {
      String field = e.getKey();
      checkField(field);
      if (field.equals(DocumentIds.ID) || isTimestamp(field)) {
        continue;
      }
      if (field.equals(DocumentIds.MONGO_ID)) {
        throw new MongoValidationException(field, "_id cannot be given: pass the id as \"id\"");
      }
      if (softDeleteField.filter(field::equals).isPresent()) {
        throw new MongoValidationException(field, field + " is set by delete, not by create");
      }
      if (scopeField.filter(field::equals).isPresent()) {
        if (!Objects.equals(e.getValue(), scopeValue)) {
          throw new MongoValidationException(field, field + " must be the current scope's value");
        }
        continue;
      }
      checkWritable(field);
      doc.put(field, e.getValue());
    }
    scopeField.ifPresent(f -> doc.put(f, scopeValue));
    if (timestamps) {
      doc.put(CREATED_AT, now);
      doc.put(UPDATED_AT, now);
    }
    return doc;
  }

  /** The fields an update sets: immutable ones dropped, {@code updated_at} added. */
  Map<String, Object> forUpdate(Map<String, ?> values, Date now) {
    requireValues(values);
    Map<String, Object> sets = new LinkedHashMap<>();
    for (Map.Entry<String, ?> e : values.entrySet()) {
      String field = e.getKey();
      checkField(field);
      if (immutable.contains(field)) {
        continue;
      }
      checkWritable(field);
      sets.put(field, e.getValue());
    }
    if (timestamps && !sets.isEmpty()) {
      sets.put(UPDATED_AT, now);
    }
    return sets;
  }

  private static void requireValues(Map<String, ?> values) {
    if (values == null) {
      throw new MongoValidationException("body", "no values given: expected a map of fields");
    }
  }

  private boolean isTimestamp(String field) {
    return timestamps && (field.equals(CREATED_AT) || field.equals(UPDATED_AT));
  }

  private void checkWritable(String field) {
    if (writable.isPresent() && !writable.get().contains(field)) {
      throw new MongoValidationException(
          field,
          "unknown field '" + field + "': writable are " + String.join(", ", writable.get()));
    }
  }

  /**
   * Field names that would act as operators ({@code $set}) or reach into nested documents ({@code
   * a.b}, which would bypass the immutable-field rule) are refused.
   */
  private static void checkField(String field) {
    if (field == null
        || field.isEmpty()
        || field.startsWith("$")
        || field.indexOf('.') >= 0
        || field.indexOf('\0') >= 0) {
      throw new MongoValidationException(
          String.valueOf(field),
          "invalid field name '"
              + field
              + "': names must be non-empty, not start with $ and contain no dot");
    }
  }

  /** A declared field name, checked as input field names are. */
  static String checkName(String field) {
    try {
      checkField(field);
    } catch (MongoValidationException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    return field;
  }

  /** The mutable state of {@link MongoRepository.Builder}. */
  static final class Draft {
    String softDeleteField;
    boolean timestamps = true;
    final Set<String> immutable = new LinkedHashSet<>();
    final Set<String> searchFields = new LinkedHashSet<>();
    final Set<String> orderFields = new LinkedHashSet<>();
    List<String> defaultOrder = List.of();
    Set<String> writable;

    Draft copy() {
      Draft c = new Draft();
      c.softDeleteField = softDeleteField;
      c.timestamps = timestamps;
      c.immutable.addAll(immutable);
      c.searchFields.addAll(searchFields);
      c.orderFields.addAll(orderFields);
      c.defaultOrder = List.copyOf(defaultOrder);
      c.writable = writable == null ? null : new LinkedHashSet<>(writable);
      return c;
    }

    RepositoryRules build() {
      return new RepositoryRules(this, Optional.empty(), null);
    }
  }
}
