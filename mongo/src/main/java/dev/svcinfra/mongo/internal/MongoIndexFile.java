package dev.svcinfra.mongo.internal;

import dev.svcinfra.ErrorCode;
import dev.svcinfra.config.ConfigException;
import dev.svcinfra.mongo.MongoIndex;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.bson.Document;

/**
 * Index declarations in a JSON file, for {@code svc-infra mongo prepare} and for services that keep
 * them beside their configuration. The top level maps collection names to lists of indexes; each
 * index has {@code fields} ({@code -} for descending) and optionally {@code unique}, {@code
 * expire_after_seconds} (TTL) and {@code name}:
 *
 * <pre>{@code
 * {
 *   "users":    [{"fields": ["email"], "unique": true},
 *                {"fields": ["tenant_id", "-created_at"]}],
 *   "sessions": [{"fields": ["expires_at"], "expire_after_seconds": 0}]
 * }
 * }</pre>
 *
 * <p>Any mistake (unknown key, wrong type, TTL on two fields) is a {@link ConfigException} naming
 * the file, the collection and the entry; nothing is created from a file with an error.
 *
 * @since 0.1
 */
public final class MongoIndexFile {
  private static final Set<String> KEYS =
      Set.of("fields", "unique", "expire_after_seconds", "name");

  private MongoIndexFile() {}

  /** The declarations in {@code file}, in file order. */
  public static List<MongoIndex> read(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ConfigException(
          ErrorCode.UNREADABLE_FILE,
          "index file " + file + " cannot be read (" + e.getClass().getSimpleName() + ")",
          e);
    }
    return parse(text, file.toString());
  }

  /** The declarations in JSON {@code text}; {@code origin} names it in errors. */
  public static List<MongoIndex> parse(String text, String origin) {
    Document root;
    try {
      root = Document.parse(text);
    } catch (RuntimeException e) {
      throw invalid(origin, "is not a JSON object: " + e.getMessage());
    }
    List<MongoIndex> indexes = new ArrayList<>();
    for (Map.Entry<String, Object> entry : root.entrySet()) {
      String collection = entry.getKey();
      if (!(entry.getValue() instanceof List<?> list)) {
        throw invalid(origin, collection + ": expected a list of indexes");
      }
      for (int i = 0; i < list.size(); i++) {
        String where = collection + "[" + i + "]";
        if (!(list.get(i) instanceof Document spec)) {
          throw invalid(origin, where + ": expected an object with \"fields\"");
        }
        indexes.add(index(origin, where, collection, spec));
      }
    }
    return indexes;
  }

  private static MongoIndex index(String origin, String where, String collection, Document spec) {
    for (String key : spec.keySet()) {
      if (!KEYS.contains(key)) {
        throw invalid(origin, where + ": unknown key \"" + key + "\"; known are " + KEYS);
      }
    }
    if (!(spec.get("fields") instanceof List<?> rawFields)
        || rawFields.isEmpty()
        || !rawFields.stream().allMatch(String.class::isInstance)) {
      throw invalid(origin, where + ": \"fields\" must be a non-empty list of field names");
    }
    List<String> fields = rawFields.stream().map(String.class::cast).toList();
    Object unique = spec.getOrDefault("unique", false);
    if (!(unique instanceof Boolean b)) {
      throw invalid(origin, where + ": \"unique\" must be true or false");
    }
    Object name = spec.get("name");
    if (name != null && !(name instanceof String)) {
      throw invalid(origin, where + ": \"name\" must be a string");
    }
    Object ttl = spec.get("expire_after_seconds");
    if (ttl != null && !(ttl instanceof Integer || ttl instanceof Long)) {
      throw invalid(origin, where + ": \"expire_after_seconds\" must be a whole number");
    }
    try {
      MongoIndex index = new MongoIndex(collection, fields, (String) name, b, Optional.empty());
      return ttl == null
          ? index
          : index.expireAfter(Duration.ofSeconds(((Number) ttl).longValue()));
    } catch (IllegalArgumentException e) {
      throw invalid(origin, where + ": " + e.getMessage());
    }
  }

  private static ConfigException invalid(String origin, String why) {
    return new ConfigException(ErrorCode.INVALID_SETTING, "index file " + origin + ": " + why);
  }
}
