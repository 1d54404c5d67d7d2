package dev.svcinfra.javalin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.svcinfra.ErrorCode;
import dev.svcinfra.sql.FieldError;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.List;

/**
 * Writes an RFC 9457 {@code application/problem+json} body: {@code type}, {@code title}, {@code
 * status}, {@code detail}, {@code instance}, {@code code}, plus {@code errors} for field problems
 * and {@code request_id} for unexpected failures.
 */
final class Problem {
  static final String CONTENT_TYPE = "application/problem+json";

  private Problem() {}

  /** The fields every problem has; {@code instance} is left out when null. */
  static ObjectNode body(int status, ErrorCode code, String detail, String instance) {
    ObjectNode body = JsonCodec.MAPPER.createObjectNode();
    body.put("type", "about:blank");
    body.put("title", HttpStatus.forStatus(status).getMessage());
    body.put("status", status);
    body.put("detail", detail);
    if (instance != null) {
      body.put("instance", instance);
    }
    body.put("code", code.wireName());
    return body;
  }

  static void write(
      Context ctx, int status, ErrorCode code, String detail, List<FieldError> errors) {
    ObjectNode body = body(status, code, detail, ctx.path());
    if (errors != null && !errors.isEmpty()) {
      ArrayNode list = body.putArray("errors");
      for (FieldError e : errors) {
        list.addObject().put("field", e.field()).put("code", e.code()).put("message", e.message());
      }
    }
    String requestId = RequestIds.of(ctx);
    if (status >= 500 && requestId != null) {
      body.put("request_id", requestId);
    }
    ctx.status(status).contentType(CONTENT_TYPE).result(JsonCodec.write(body));
  }
}
