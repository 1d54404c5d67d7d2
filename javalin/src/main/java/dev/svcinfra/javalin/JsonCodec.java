package dev.svcinfra.javalin;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import dev.svcinfra.ErrorCode;
import dev.svcinfra.sql.FieldError;
import dev.svcinfra.sql.ValidationException;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The plugin's JSON settings, independent of the application's: bodies are read strictly (no
 * coercion between strings, numbers and booleans, unknown properties and nulls for required creator
 * properties refused, duplicate keys refused, decimals kept exact) and decimals are written without
 * exponent.
 */
final class JsonCodec {
  static final ObjectMapper MAPPER = strict();

  private JsonCodec() {}

  private static ObjectMapper strict() {
    ObjectMapper m =
        JsonMapper.builder()
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .build();
    // A number where a string is expected (and the reverse) is an error, never a conversion.
    for (LogicalType t :
        List.of(LogicalType.Textual, LogicalType.Integer, LogicalType.Float, LogicalType.Boolean)) {
      for (CoercionInputShape shape :
          List.of(
              CoercionInputShape.Integer,
              CoercionInputShape.Float,
              CoercionInputShape.Boolean,
              CoercionInputShape.String)) {
        // An integral JSON number is a valid decimal (5 for 5.00); every other cross-type
        // reading is refused.
        if (!(t == LogicalType.Float && shape == CoercionInputShape.Integer)) {
          m.coercionConfigFor(t).setCoercion(shape, CoercionAction.Fail);
        }
      }
    }
    return m;
  }

  static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render a response body", e);
    }
  }

  /**
   * Renders a response body written token by token as UTF-8 bytes. Generated routes answer this
   * way: no intermediate node tree, no serializer lookup, no String to encode again.
   */
  static byte[] render(Content content) {
    // The same recycled buffers ObjectMapper.writeValueAsBytes uses.
    ByteArrayBuilder out = new ByteArrayBuilder(MAPPER.getFactory()._getBufferRecycler());
    try (JsonGenerator g = MAPPER.createGenerator(out, JsonEncoding.UTF8)) {
      content.writeTo(g);
    } catch (IOException e) {
      throw new IllegalStateException("cannot render a response body", e);
    }
    byte[] bytes = out.toByteArray();
    out.release();
    return bytes;
  }

  /** A response body written to a generator. */
  @FunctionalInterface
  interface Content {
    void writeTo(JsonGenerator g) throws IOException;
  }

  /** Parses a JSON document; anything that is not JSON is a 422 {@code malformed_json}. */
  static JsonNode tree(byte[] body) {
    if (body.length == 0) {
      throw malformed("the request needs a JSON body");
    }
    try {
      return MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw malformed("the body is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw malformed("the body could not be read");
    }
  }

  /** Binds a JSON document to {@code type} strictly; wrong shapes are field errors (422). */
  static <T> T read(byte[] body, Class<T> type) {
    if (body.length == 0) {
      throw malformed("the request needs a JSON body");
    }
    try {
      T value;
      if (type.isRecord()) {
        // Checked field by field first, so every problem of the body is reported at once.
        JsonNode tree = tree(body);
        RecordBodies.check(tree, type);
        value = MAPPER.treeToValue(tree, type);
      } else {
        value = MAPPER.readValue(body, type);
      }
      if (value == null) {
        // The JSON literal null binds to a null object: the handler would fail on it.
        throw ValidationException.of(
            "body", FieldError.REQUIRED, "must be a JSON object, not null");
      }
      return value;
    } catch (JsonParseException e) {
      throw malformed("the body is not valid JSON: " + e.getOriginalMessage());
    } catch (UnrecognizedPropertyException e) {
      throw ValidationException.of(
          e.getPropertyName(), FieldError.UNKNOWN_FIELD, "is not a field of this request");
    } catch (JsonMappingException e) {
      String field =
          e.getPath().stream()
              .map(r -> r.getFieldName() != null ? r.getFieldName() : String.valueOf(r.getIndex()))
              .collect(Collectors.joining("."));
      String text = String.valueOf(e.getOriginalMessage()).toLowerCase(Locale.ROOT);
      // Jackson reports absent and null creator properties in words, not in types.
      boolean absent =
          text.contains("null value")
              || text.contains("missing creator property")
              || text.contains("missing required creator property");
      throw ValidationException.of(
          field.isEmpty() ? "body" : field,
          absent ? FieldError.REQUIRED : FieldError.INVALID_TYPE,
          absent ? "is required and must not be null" : "has the wrong JSON type");
    } catch (IOException e) {
      throw malformed("the body could not be read");
    }
  }

  private static RequestRejectedException malformed(String message) {
    return new RequestRejectedException(ErrorCode.MALFORMED_JSON, message);
  }
}
