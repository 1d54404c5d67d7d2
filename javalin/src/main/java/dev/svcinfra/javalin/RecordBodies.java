package dev.svcinfra.javalin;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.svcinfra.sql.FieldError;
import dev.svcinfra.sql.ValidationException;
import dev.svcinfra.sql.model.ValueLimits;
import dev.svcinfra.sql.model.annotation.Column;
import java.lang.annotation.Annotation;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a JSON object against a record, field by field, before it is bound, so every problem is
 * reported at once (issue 16: {@code POST /transfer {}} named only {@code from}): unknown
 * properties, missing or null components, values of the wrong JSON type, and values that do not
 * fit: text with a lone surrogate or longer than {@code @Column(length)} characters, a decimal with
 * more digits than {@code @Column(precision, scale)} allows. A component without {@code @Column}
 * has no length, precision or scale limit.
 */
final class RecordBodies {
  private RecordBodies() {}

  /**
   * Refuses {@code body} with every field error found, or returns when it binds to {@code type}.
   */
  static void check(JsonNode body, Class<?> type) {
    if (!body.isObject()) {
      return; // binding reports the wrong shape as a whole
    }
    Map<String, RecordComponent> components = new LinkedHashMap<>();
    for (RecordComponent rc : type.getRecordComponents()) {
      JsonProperty renamed = annotation(type, rc, JsonProperty.class);
      components.put(
          renamed != null && !renamed.value().isEmpty() ? renamed.value() : rc.getName(), rc);
    }
    List<FieldError> errors = new ArrayList<>();
    for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!components.containsKey(name)) {
        errors.add(
            new FieldError(name, FieldError.UNKNOWN_FIELD, "is not a field of this request"));
      }
    }
    for (Map.Entry<String, RecordComponent> e : components.entrySet()) {
      JsonNode node = body.get(e.getKey());
      if (node == null || node.isNull()) {
        errors.add(
            new FieldError(e.getKey(), FieldError.REQUIRED, "is required and must not be null"));
        continue;
      }
      Object value;
      try {
        value =
            JsonCodec.MAPPER.treeToValue(
                node, JsonCodec.MAPPER.constructType(e.getValue().getGenericType()));
      } catch (JsonProcessingException | IllegalArgumentException ex) {
        errors.add(new FieldError(e.getKey(), FieldError.INVALID_TYPE, "has the wrong JSON type"));
        continue;
      }
      problem(type, e.getValue(), value)
          .ifPresent(p -> errors.add(new FieldError(e.getKey(), FieldError.INVALID_VALUE, p)));
    }
    if (!errors.isEmpty()) {
      throw new ValidationException(errors);
    }
  }

  private static Optional<String> problem(Class<?> type, RecordComponent rc, Object value) {
    Column column = column(type, rc);
    if (value instanceof String s) {
      return ValueLimits.textProblem(s, column == null ? 0 : column.length());
    }
    if (value instanceof BigDecimal d && column != null && column.precision() > 0) {
      return ValueLimits.decimalProblem(d, column.precision(), Math.max(0, column.scale()));
    }
    return Optional.empty();
  }

  private static Column column(Class<?> type, RecordComponent rc) {
    return annotation(type, rc, Column.class);
  }

  /**
   * An annotation written on a record component: javac keeps {@code @Column} and
   * {@code @JsonProperty} on the component's field (their targets), not on the component.
   */
  private static <A extends Annotation> A annotation(
      Class<?> type, RecordComponent rc, Class<A> annotation) {
    A onComponent = rc.getAnnotation(annotation);
    if (onComponent != null) {
      return onComponent;
    }
    try {
      return type.getDeclaredField(rc.getName()).getAnnotation(annotation);
    } catch (NoSuchFieldException e) {
      return null;
    }
  }
}
