package dev.svcinfra.javalin;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The OpenAPI description of {@code Idempotency-Key}: the request header as the reusable parameter
 * {@code #/components/parameters/IdempotencyKey}, the replay marker as {@code
 * #/components/headers/IdempotentReplayed}, and on each operation that honours them the 400, 409
 * and 422 answers. Hand-written routes wrapped in {@code SqlPlugin.transactional} can refer to the
 * two components.
 */
final class IdempotencyDocs {
  static final String PARAMETER = "#/components/parameters/IdempotencyKey";
  static final String REPLAYED = "#/components/headers/IdempotentReplayed";

  private IdempotencyDocs() {}

  /** Adds the two components to the document's {@code components}. */
  static void components(ObjectNode components) {
    ObjectNode p =
        components
            .with("parameters")
            .putObject("IdempotencyKey")
            .put("name", IdempotencyKeyHeader.NAME)
            .put("in", "header")
            .put("required", false)
            .put(
                "description",
                "A unique value (a UUID) that makes the request safe to retry: the first request"
                    + " with it runs, a retry gets the same response again with "
                    + IdempotencyKeyHeader.REPLAYED
                    + ": true. The same key with another body is a 422, while the first request"
                    + " runs a 409. Kept 24 h by default.");
    p.putObject("schema")
        .put("type", "string")
        .put("minLength", 1)
        .put("maxLength", IdempotencyKeyHeader.MAX_LENGTH)
        .put("pattern", "^[\\x21-\\x7E]+$");
    components
        .with("headers")
        .putObject("IdempotentReplayed")
        .put("description", "true when the response is a replay of a request with the same key")
        .putObject("schema")
        .put("type", "string")
        .putArray("enum")
        .add("true");
  }

  /** Documents the header on {@code op}, the replay marker on its {@code success} response. */
  static void operation(ObjectNode op, String success) {
    op.withArray("parameters").addObject().put("$ref", PARAMETER);
    ((ObjectNode) op.with("responses").get(success))
        .with("headers")
        .putObject(IdempotencyKeyHeader.REPLAYED)
        .put("$ref", REPLAYED);
    problem(op, 400, "Bad Request (also: Idempotency-Key malformed)");
    problem(op, 409, "Conflict (also: a request with this Idempotency-Key is still running)");
    problem(op, 422, "Unprocessable Entity (also: Idempotency-Key used with another request)");
  }

  private static void problem(ObjectNode op, int status, String description) {
    op.with("responses")
        .putObject(String.valueOf(status))
        .put("description", description)
        .putObject("content")
        .putObject(Problem.CONTENT_TYPE)
        .set("schema", OpenApiDocument.ref("Problem"));
  }
}
