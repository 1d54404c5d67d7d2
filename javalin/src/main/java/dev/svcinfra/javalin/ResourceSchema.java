package dev.svcinfra.javalin;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.databind.JsonNode;
import dev.svcinfra.ErrorCode;
import dev.svcinfra.sql.FieldError;
import dev.svcinfra.sql.ValidationException;
import dev.svcinfra.sql.model.annotation.Generation;
import dev.svcinfra.sql.model.internal.MappedColumn;
import dev.svcinfra.sql.model.internal.TableMapping;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The read, create, update and replace shapes of a resource, derived from its model: read shows
 * every column; create takes the columns a client may set (not the generated id, timestamps,
 * version, soft-delete marker or tenant); update takes the create fields that are not immutable,
 * all optional, plus the version of a versioned model (checked, never written); replace takes the
 * update fields, every one required but the version. Each shape can be narrowed to a list of
 * fields. Also converts bodies to column-keyed maps, collecting every field error.
 */
final class ResourceSchema<T> {
  private final TableMapping<T> mapping;
  private final List<MappedColumn> read;
  private final List<MappedColumn> create;
  private final List<MappedColumn> update;
  private final Set<String> required;
  private final List<MappedColumn> createRequired;
  // A PUT replaces the row's writable state, so it must state all of it (issue 21): a field left
  // out is a 422, not a silent null. The version stays optional, as on PATCH.
  private final List<MappedColumn> replaceRequired;
  private final MappedColumn tenant;
  // Derived once: every request looks fields up by name and writes the same property names.
  private final SerializedString[] readNames;
  private final Map<String, MappedColumn> createByName;
  private final Map<String, MappedColumn> updateByName;

  ResourceSchema(
      TableMapping<T> mapping,
      Set<String> immutable,
      MappedColumn tenant,
      List<String> readOverride,
      List<String> createOverride,
      List<String> updateOverride) {
    this.mapping = mapping;
    this.tenant = tenant;
    Set<MappedColumn> managed = new LinkedHashSet<>();
    mapping.createdAt().ifPresent(managed::add);
    mapping.updatedAt().ifPresent(managed::add);
    mapping.version().ifPresent(managed::add);
    mapping.softDelete().ifPresent(managed::add);
    if (tenant != null) {
      managed.add(tenant);
    }
    MappedColumn id = mapping.id();
    if (id.column().identity() || mapping.idGeneration() != Generation.NONE) {
      managed.add(id);
    }
    List<MappedColumn> writable =
        mapping.columns().stream().filter(c -> !managed.contains(c)).toList();
    this.read = pick(readOverride, mapping.columns(), "read");
    this.create = pick(createOverride, writable, "create");
    List<MappedColumn> updatable =
        pick(
            updateOverride,
            writable.stream().filter(c -> !immutable.contains(c.name()) && c != id).toList(),
            "update");
    // Issue 16: a PATCH of a versioned model may carry the version it read; the repository
    // checks it against the stored one (409 when outdated) and never writes it.
    this.update =
        mapping
            .version()
            .map(
                v -> {
                  List<MappedColumn> withVersion = new ArrayList<>(updatable);
                  withVersion.add(v);
                  return List.copyOf(withVersion);
                })
            .orElse(updatable);
    Set<String> req = new LinkedHashSet<>();
    for (MappedColumn c : create) {
      if (!c.column().nullable()
          && c.column().defaultSql().isEmpty()
          && !c.javaType().isPrimitive()) {
        req.add(c.name());
      }
    }
    this.required = Set.copyOf(req);
    this.createRequired = create.stream().filter(c -> req.contains(c.name())).toList();
    this.replaceRequired = updatable;
    this.readNames =
        read.stream().map(c -> new SerializedString(c.name())).toArray(SerializedString[]::new);
    this.createByName = byName(create);
    this.updateByName = byName(update);
  }

  private static Map<String, MappedColumn> byName(List<MappedColumn> columns) {
    Map<String, MappedColumn> out = new LinkedHashMap<>();
    columns.forEach(c -> out.put(c.name(), c));
    return Collections.unmodifiableMap(out);
  }

  private List<MappedColumn> pick(List<String> names, List<MappedColumn> allowed, String shape) {
    if (names == null) {
      return allowed;
    }
    List<MappedColumn> out = new ArrayList<>();
    for (String n : names) {
      MappedColumn c =
          mapping
              .column(n)
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          mapping.type().getName()
                              + " has no column '"
                              + n
                              + "' for the "
                              + shape
                              + " schema"));
      if (!shape.equals("read") && !allowed.contains(c)) {
        throw new IllegalArgumentException(
            n
                + " cannot be in the "
                + shape
                + " schema of "
                + mapping.table().name()
                + ": the library sets it (or it is immutable)");
      }
      out.add(c);
    }
    return List.copyOf(out);
  }

  List<MappedColumn> read() {
    return read;
  }

  List<MappedColumn> create() {
    return create;
  }

  List<MappedColumn> update() {
    return update;
  }

  boolean requiredOnCreate(MappedColumn c) {
    return required.contains(c.name());
  }

  /** Whether a replace body must carry {@code c}: every update field but the version. */
  boolean requiredOnReplace(MappedColumn c) {
    return replaceRequired.contains(c);
  }

  /** A create body as column-keyed values; every problem is reported at once (422). */
  Map<String, Object> createValues(JsonNode body) {
    return values(body, createByName, createRequired);
  }

  /** An update body as column-keyed values (only the fields present). */
  Map<String, Object> updateValues(JsonNode body) {
    return values(body, updateByName, List.of());
  }

  /**
   * A replace body as column-keyed values: the update fields, each one present (a nullable one may
   * be {@code null}); the version, as on PATCH, only when given.
   */
  Map<String, Object> replaceValues(JsonNode body) {
    return values(body, updateByName, replaceRequired);
  }

  /** Writes the JSON form of a row, with the read fields, to {@code g}. */
  void writeJson(JsonGenerator g, T row) throws IOException {
    g.writeStartObject();
    for (int i = 0; i < readNames.length; i++) {
      MappedColumn c = read.get(i);
      g.writeFieldName(readNames[i]);
      ColumnJson.write(g, c, c.get(row));
    }
    g.writeEndObject();
  }

  private Map<String, Object> values(
      JsonNode body, Map<String, MappedColumn> allowed, List<MappedColumn> mustHave) {
    if (!body.isObject()) {
      throw new RequestRejectedException(
          ErrorCode.MALFORMED_JSON, "the body must be a JSON object");
    }
    Map<String, Object> out = new LinkedHashMap<>();
    List<FieldError> errors = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = body.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      MappedColumn c = allowed.get(e.getKey());
      if (c == null && tenant != null && tenant.name().equals(e.getKey())) {
        // Passed on so the tenant service can refuse another tenant's value (or ignore ours).
        out.put(
            e.getKey(),
            e.getValue().isTextual() ? e.getValue().textValue() : e.getValue().toString());
        continue;
      }
      if (c == null) {
        errors.add(
            new FieldError(
                e.getKey(),
                FieldError.UNKNOWN_FIELD,
                mapping.column(e.getKey()).isPresent()
                    ? "cannot be written in this request"
                    : "is not a field of " + mapping.table().name()));
        continue;
      }
      if (e.getValue().isNull() && !c.column().nullable()) {
        errors.add(new FieldError(c.name(), FieldError.REQUIRED, "must not be null"));
        continue;
      }
      try {
        out.put(c.name(), ColumnJson.fromJson(c, e.getValue()));
      } catch (ColumnJson.Invalid invalid) {
        errors.add(invalid.error);
      }
    }
    for (MappedColumn c : mustHave) {
      if (!body.has(c.name())) {
        errors.add(new FieldError(c.name(), FieldError.REQUIRED, "is required"));
      }
    }
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
    return out;
  }
}
