package dev.svcinfra.javalin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.svcinfra.sql.Database;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two resources on one table under one tag, one of them showing fewer fields: each keeps its own
 * operation ids and schemas in the one document, instead of the second silently replacing the
 * first's (client generators would then drop routes or describe the wrong body).
 */
class OpenApiNamesTest {
  @TempDir Path dir;

  @Test
  void twoResourcesOfOneModelAndTagGetDistinctOperationIdsAndSchemas() throws Exception {
    Database db = Database.open("sqlite:///" + dir.resolve("names.db").toAbsolutePath());
    TestApp.createTables(db, Gadget.class);
    try (TestApp t =
        new TestApp(
            sql -> {
              sql.database = db;
              sql.idempotencyKeys = false;
              sql.resource(SqlResource.of(Gadget.class).prefix("/gadgets").tags("gadgets").build());
              sql.resource(
                  SqlResource.of(Gadget.class)
                      .prefix("/admin/gadgets")
                      .tags("gadgets")
                      .readFields("id", "code")
                      .build());
              // Same model, same fields: shares the first's schemas, own operation ids.
              sql.resource(SqlResource.of(Gadget.class).prefix("/shop").tags("gadgets").build());
            },
            config -> {})) {
      JsonNode doc =
          JsonCodec.tree(
              t.send("GET", "/openapi.json", null).body().getBytes(StandardCharsets.UTF_8));

      // The first keeps the names it always had: clients generated before stay valid.
      assertThat(doc.at("/paths/~1gadgets/get/operationId").asText()).isEqualTo("list_gadgets");
      assertThat(doc.at("/paths/~1admin~1gadgets/get/operationId").asText())
          .isEqualTo("list_admin_gadgets");
      assertThat(doc.at("/paths/~1admin~1gadgets~1{id}/patch/operationId").asText())
          .isEqualTo("update_admin_gadgets");
      assertThat(doc.at("/paths/~1shop/post/operationId").asText()).isEqualTo("create_shop");
      List<String> ids = new ArrayList<>();
      doc.findValues("operationId").forEach(id -> ids.add(id.asText()));
      assertThat(ids).hasSize(15).doesNotHaveDuplicates();

      assertThat(readFields(doc, "/gadgets")).contains("id", "code", "price", "specs");
      assertThat(readFields(doc, "/admin/gadgets")).containsExactlyInAnyOrder("id", "code");
      assertThat(doc.at("/paths/~1shop~1{id}/get/responses/200/content/application~1json/schema"))
          .isEqualTo(
              doc.at("/paths/~1gadgets~1{id}/get/responses/200/content/application~1json/schema"));
      assertThat(doc.at("/components/schemas").has("AdminGadgets")).isTrue();
      assertThat(doc.at("/components/schemas").has("AdminGadgetsPage")).isTrue();
    }
  }

  /** The property names of the schema the item GET of {@code prefix} answers with. */
  private static Set<String> readFields(JsonNode doc, String prefix) {
    String pointer = "/paths/" + prefix.replace("/", "~1") + "~1{id}/get/responses/200/content";
    String ref = doc.at(pointer).get("application/json").get("schema").get("$ref").asText();
    JsonNode schema = doc.at("/components/schemas/" + ref.substring(ref.lastIndexOf('/') + 1));
    Set<String> out = new TreeSet<>();
    for (Iterator<String> it = schema.get("properties").fieldNames(); it.hasNext(); ) {
      out.add(it.next());
    }
    return out;
  }

  @Test
  void aModelNamedLikeABuiltInSchemaDoesNotReplaceIt() {
    OpenApiDocument document = new OpenApiDocument("t", "1", "X-Tenant");
    ObjectNode problem = document.root().at("/components/schemas/Problem").deepCopy();
    ObjectNode read = JsonCodec.MAPPER.createObjectNode().put("type", "object");
    document.add(
        new OpenApiDocument.Described(
            "Problem",
            "/problems",
            List.of("problems"),
            false,
            List.of(),
            List.of(),
            List.of(),
            OpenApiDocument.string(),
            read,
            read,
            read,
            null,
            "row",
            ""));
    JsonNode schemas = document.root().at("/components/schemas");
    assertThat(schemas.get("Problem")).isEqualTo(problem);
    assertThat(schemas.get("Problems")).isEqualTo(read);
    assertThat(document.root().at("/paths/~1problems~1{id}/get/responses/404/content"))
        .asString()
        .contains("#/components/schemas/Problem\"");
  }

  @Test
  void namesComeFromLettersAndDigitsOfAnyScriptForIdsAndAsciiForSchemas() {
    assertThat(OpenApiNames.snake("/admin/order-items")).isEqualTo("admin_order_items");
    assertThat(OpenApiNames.snake("cafés du monde")).isEqualTo("cafés_du_monde");
    assertThat(OpenApiNames.pascal("/admin/order-items")).isEqualTo("AdminOrderItems");
    assertThat(OpenApiNames.pascal("/cafés")).isEqualTo("CafS");
    assertThat(OpenApiNames.pascal("/ユーザー")).isEqualTo("Resource");
    Map<String, JsonNode> none = Map.of();
    assertThat(new OpenApiNames(JsonCodec.MAPPER.createObjectNode()).reserve("t", "/t", "T", none))
        .isEqualTo(new OpenApiNames.Naming("T", "t"));
  }
}
