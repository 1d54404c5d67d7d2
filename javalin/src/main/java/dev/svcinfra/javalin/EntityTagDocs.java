package dev.svcinfra.javalin;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * The OpenAPI description of entity tags on a SQL resource's routes: {@code ETag} on single-row
 * answers, {@code If-None-Match} and 304 on GET, {@code If-Match} with its 412 and 428 on the
 * writes. Each is added only to the operations the resource mounts.
 */
final class EntityTagDocs {
  private EntityTagDocs() {}

  /**
   * The entity tags of a SQL resource (issue 16): {@code ETag} on single-row answers, {@code
   * If-None-Match} and 304 on GET, {@code If-Match} with 412 (and 428 when the resource requires
   * it) on PATCH, PUT and DELETE, 400 for a malformed condition.
   */
  static void add(SqlResource<?> r, BiFunction<String, String, Optional<ObjectNode>> operation) {
    String itemPath = r.prefix + "/{id}";
    operation
        .apply(itemPath, "get")
        .ifPresent(
            get -> {
              etagHeader(get, "200");
              get.withArray("parameters")
                  .add(
                      header(
                          EntityTags.IF_NONE_MATCH,
                          false,
                          "ETags of a copy you hold (or *): when one is the row's current ETag the"
                              + " answer is 304 without a body."));
              etagHeader(
                  get.with("responses")
                      .putObject("304")
                      .put("description", "Not Modified: the row still has an ETag you sent"),
                  null);
              OpenApiDocument.problems(get, 400);
            });
    operation.apply(r.prefix, "post").ifPresent(post -> etagHeader(post, "201"));
    for (String method : List.of("put", "patch", "delete")) {
      operation
          .apply(itemPath, method)
          .ifPresent(
              op -> {
                op.withArray("parameters")
                    .add(
                        header(
                            EntityTags.IF_MATCH,
                            r.requireIfMatch,
                            "The ETag of the row as you read it (or *): the change applies only"
                                + " while the row still has it, else 412."
                                + (r.requireIfMatch
                                    ? " Required: without it the answer is 428."
                                    : "")));
                OpenApiDocument.problems(op, 400, 412);
                if (r.requireIfMatch) {
                  OpenApiDocument.problems(op, 428);
                }
                if (!method.equals("delete")) {
                  etagHeader(op, "200");
                }
              });
    }
  }

  /** Documents the strong {@code ETag} header on {@code op}'s {@code status} response. */
  static void etagHeader(ObjectNode op, String status) {
    ObjectNode response = status == null ? op : (ObjectNode) op.with("responses").get(status);
    response
        .with("headers")
        .putObject(EntityTags.ETAG)
        .put("description", "Strong entity tag of the row: its @Version, or a hash of its columns.")
        .set("schema", OpenApiDocument.string());
  }

  static ObjectNode header(String name, boolean required, String description) {
    ObjectNode p =
        JsonCodec.MAPPER
            .createObjectNode()
            .put("name", name)
            .put("in", "header")
            .put("required", required)
            .put("description", description);
    p.set("schema", OpenApiDocument.string());
    return p;
  }
}
