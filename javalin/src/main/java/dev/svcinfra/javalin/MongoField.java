package dev.svcinfra.javalin;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * One declared field of a {@link MongoResource}'s documents: its name, the one JSON type it takes
 * and whether create needs it. Declaring fields turns on strict bodies: unknown fields, wrong types
 * and missing required fields are 422s, and the OpenAPI schemas list the fields.
 *
 * <pre>{@code
 * MongoResource.of("items").fields(MongoField.string("name").required(), MongoField.integer("qty"))
 * }</pre>
 *
 * @since 0.1
 */
public final class MongoField {
  /** The JSON type a field takes; nothing is coerced between them. */
  public enum Type {
    STRING("string"),
    INTEGER("integer"),
    NUMBER("number"),
    BOOLEAN("boolean"),
    OBJECT("object"),
    ARRAY("array");

    final String jsonType;

    Type(String jsonType) {
      this.jsonType = jsonType;
    }

    boolean accepts(JsonNode value) {
      return switch (this) {
        case STRING -> value.isTextual();
        case INTEGER -> value.isIntegralNumber();
        case NUMBER -> value.isNumber();
        case BOOLEAN -> value.isBoolean();
        case OBJECT -> value.isObject();
        case ARRAY -> value.isArray();
      };
    }
  }

  private final String name;
  private final Type type;
  private final boolean required;

  private MongoField(String name, Type type, boolean required) {
    this.name = Objects.requireNonNull(name, "name");
    this.type = Objects.requireNonNull(type, "type");
    this.required = required;
  }

  public static MongoField of(String name, Type type) {
    return new MongoField(name, type, false);
  }

  public static MongoField string(String name) {
    return of(name, Type.STRING);
  }

  public static MongoField integer(String name) {
    return of(name, Type.INTEGER);
  }

  public static MongoField number(String name) {
    return of(name, Type.NUMBER);
  }

  public static MongoField bool(String name) {
    return of(name, Type.BOOLEAN);
  }

  public static MongoField object(String name) {
    return of(name, Type.OBJECT);
  }

  public static MongoField array(String name) {
    return of(name, Type.ARRAY);
  }

  /** This field, needed (and not null) on create, and never null on update. */
  public MongoField required() {
    return new MongoField(name, type, true);
  }

  public String name() {
    return name;
  }

  public Type type() {
    return type;
  }

  public boolean isRequired() {
    return required;
  }
}
