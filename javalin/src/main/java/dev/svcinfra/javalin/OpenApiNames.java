package dev.svcinfra.javalin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Names that must be unique in one OpenAPI document: operation ids (client generators turn each
 * into a method name and refuse or silently drop duplicates) and component schema names (a second
 * schema under a taken name would replace the first, and the first resource's routes would then
 * describe the wrong body). A resource keeps the names derived from its first tag and model, as
 * before, while they are free; a second resource on the same tag or model, or a model named like a
 * built-in schema ({@code Problem}), gets names derived from its route prefix instead.
 */
final class OpenApiNames {
  /** The verbs every resource's operation ids are built from, reserved together. */
  private static final List<String> VERBS =
      List.of("list", "create", "get", "replace", "update", "delete", "restore");

  private final Set<String> operationIds = new HashSet<>();
  private final ObjectNode schemas;

  /** {@code schemas}: the document's {@code components.schemas}, read to find taken names. */
  OpenApiNames(ObjectNode schemas) {
    this.schemas = schemas;
  }

  /** What one resource's routes are named: {@code <verb>_<operationSuffix>}, {@code <schema>…}. */
  record Naming(String schema, String operationSuffix) {}

  /**
   * Names for a resource whose first tag is {@code tag}, mounted at {@code prefix}, with model name
   * {@code model} and the schemas it would add under {@code model + suffix} (suffix "" for the read
   * schema).
   */
  Naming reserve(String tag, String prefix, String model, Map<String, JsonNode> schemasBySuffix) {
    String suffix = operationSuffix(snake(tag), snake(prefix));
    for (String verb : VERBS) {
      operationIds.add(verb + "_" + suffix);
    }
    return new Naming(schemaName(model, pascal(prefix), schemasBySuffix), suffix);
  }

  private String operationSuffix(String fromTag, String fromPrefix) {
    for (String candidate : List.of(fromTag, fromPrefix)) {
      if (!candidate.isEmpty() && free(candidate)) {
        return candidate;
      }
    }
    for (int n = 2; ; n++) {
      if (free(fromPrefix + "_" + n)) {
        return fromPrefix + "_" + n;
      }
    }
  }

  private boolean free(String suffix) {
    return VERBS.stream().noneMatch(verb -> operationIds.contains(verb + "_" + suffix));
  }

  /**
   * The model's name while it is free or holds exactly these schemas (two resources of one model
   * with the same fields share them); else one derived from the prefix.
   */
  private String schemaName(String model, String fromPrefix, Map<String, JsonNode> bySuffix) {
    for (String candidate : List.of(model, fromPrefix)) {
      if (fits(candidate, bySuffix)) {
        return candidate;
      }
    }
    for (int n = 2; ; n++) {
      if (fits(fromPrefix + n, bySuffix)) {
        return fromPrefix + n;
      }
    }
  }

  private boolean fits(String name, Map<String, JsonNode> bySuffix) {
    for (Map.Entry<String, JsonNode> e : bySuffix.entrySet()) {
      JsonNode taken = schemas.get(name + e.getKey());
      if (taken != null && !taken.equals(e.getValue())) {
        return false;
      }
    }
    return true;
  }

  /**
   * {@code "order-items"} or {@code "/admin/order-items"} as {@code admin_order_items}; letters and
   * digits of any script are kept (operation ids become method names, which may use them).
   */
  static String snake(String text) {
    StringBuilder out = new StringBuilder();
    for (String word : words(text, "[^\\p{L}\\p{N}]+")) {
      if (out.length() > 0) {
        out.append('_');
      }
      out.append(word);
    }
    return out.toString();
  }

  /** {@code "/admin/order-items"} as {@code AdminOrderItems}; "Resource" when nothing is left. */
  static String pascal(String text) {
    StringBuilder out = new StringBuilder();
    for (String word : words(text, "[^A-Za-z0-9]+")) {
      out.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
    }
    return out.length() == 0 ? "Resource" : out.toString();
  }

  /**
   * The runs of {@code text} between {@code separators}. Schema names keep only ASCII letters and
   * digits: OpenAPI allows only {@code [a-zA-Z0-9._-]} in component names.
   */
  private static List<String> words(String text, String separators) {
    return List.of(text.split(separators)).stream().filter(w -> !w.isEmpty()).toList();
  }
}
