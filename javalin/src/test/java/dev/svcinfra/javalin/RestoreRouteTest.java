package dev.svcinfra.javalin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.svcinfra.sql.Database;
import dev.svcinfra.sql.model.annotation.Column;
import dev.svcinfra.sql.model.annotation.Id;
import dev.svcinfra.sql.model.annotation.Index;
import dev.svcinfra.sql.model.annotation.SoftDelete;
import dev.svcinfra.sql.model.annotation.Table;
import dev.svcinfra.sql.model.annotation.TenantId;
import dev.svcinfra.sql.model.annotation.Version;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST prefix/{id}/restore} (issue 21): mounted and documented only when the resource
 * enables it, refused at build time for a model without soft delete or addressed by another column;
 * 200 with the row and its ETag, 404 for a live, unknown or other tenant's row, 409 when the email
 * was taken meanwhile. The per-database behaviour runs in the quickstart's contract.
 */
class RestoreRouteTest {
  @TempDir Path dir;

  @Table(name = "accounts")
  @Index(columns = "email", unique = true, ignoreCase = true, liveRowsOnly = true)
  public record Account(
      @Id Long id,
      @TenantId @Column(nullable = false, length = 40) String tenant,
      @Column(nullable = false, length = 320) String email,
      @SoftDelete Instant deletedAt,
      @Version long version) {}

  private TestApp app(boolean restore) {
    Database db = Database.open("sqlite:///" + dir.resolve("r" + restore + ".db").toAbsolutePath());
    TestApp.createTables(db, Account.class);
    return new TestApp(
        sql -> {
          sql.database = db;
          sql.resource(SqlResource.of(Account.class).prefix("/accounts").restore(restore).build());
        },
        config -> {});
  }

  @Test
  void restoreBringsADeletedRowBackUnlessItsEmailWasTaken() throws Exception {
    try (TestApp t = app(true)) {
      String acme = "X-Tenant-Id";
      HttpResponse<String> ann = t.send("POST", "/accounts", "{\"email\":\"Ann@x\"}", acme, "a");
      assertThat(ann.statusCode()).as(ann.body()).isEqualTo(201);
      String id = JsonCodec.MAPPER.readTree(ann.body()).get("id").asText();
      String path = "/accounts/" + id + "/restore";
      // A live row is not restored.
      assertThat(t.send("POST", path, null, acme, "a").statusCode()).isEqualTo(404);
      assertThat(t.send("DELETE", "/accounts/" + id, null, acme, "a").statusCode()).isEqualTo(204);
      // Deleted: the address in another case is free, and the old row's restore is a conflict.
      HttpResponse<String> again = t.send("POST", "/accounts", "{\"email\":\"ann@X\"}", acme, "a");
      assertThat(again.statusCode()).as(again.body()).isEqualTo(201);
      HttpResponse<String> taken = t.send("POST", path, null, acme, "a");
      assertThat(taken.statusCode()).as(taken.body()).isEqualTo(409);
      assertThat(taken.headers().firstValue("Content-Type")).contains(Problem.CONTENT_TYPE);
      String againId = JsonCodec.MAPPER.readTree(again.body()).get("id").asText();
      assertThat(t.send("DELETE", "/accounts/" + againId, null, acme, "a").statusCode())
          .isEqualTo(204);
      // Another tenant, an unknown id and one that cannot be parsed: 404.
      assertThat(t.send("POST", path, null, acme, "b").statusCode()).isEqualTo(404);
      assertThat(t.send("POST", "/accounts/999/restore", null, acme, "a").statusCode())
          .isEqualTo(404);
      assertThat(t.send("POST", "/accounts/x%20y/restore", null, acme, "a").statusCode())
          .isEqualTo(404);
      HttpResponse<String> back = t.send("POST", path, null, acme, "a");
      assertThat(back.statusCode()).as(back.body()).isEqualTo(200);
      JsonNode row = JsonCodec.MAPPER.readTree(back.body());
      assertThat(row.get("email").asText()).isEqualTo("Ann@x");
      assertThat(row.get("deleted_at").isNull()).isTrue();
      assertThat(row.get("version").asLong()).isEqualTo(2);
      HttpResponse<String> got = t.send("GET", "/accounts/" + id, null, acme, "a");
      assertThat(got.statusCode()).isEqualTo(200);
      assertThat(back.headers().firstValue("ETag")).isEqualTo(got.headers().firstValue("ETag"));
      // Documented with its answers.
      JsonNode doc = JsonCodec.MAPPER.readTree(t.send("GET", "/openapi.json", null).body());
      JsonNode restore = doc.at("/paths/~1accounts~1{id}~1restore/post");
      assertThat(restore.isMissingNode()).isFalse();
      assertThat(restore.get("operationId").asText()).isEqualTo("restore_accounts");
      assertThat(restore.get("responses").fieldNames())
          .toIterable()
          .contains("200", "400", "404", "409", "503");
      assertThat(restore.at("/responses/200/headers/ETag").isMissingNode()).isFalse();
    }
  }

  @Test
  void withoutRestoreThereIsNoRouteAndNoDocument() throws Exception {
    try (TestApp t = app(false)) {
      HttpResponse<String> ann =
          t.send("POST", "/accounts", "{\"email\":\"ann@x\"}", "X-Tenant-Id", "a");
      String id = JsonCodec.MAPPER.readTree(ann.body()).get("id").asText();
      t.send("DELETE", "/accounts/" + id, null, "X-Tenant-Id", "a");
      assertThat(
              t.send("POST", "/accounts/" + id + "/restore", null, "X-Tenant-Id", "a").statusCode())
          .isEqualTo(404);
      JsonNode doc = JsonCodec.MAPPER.readTree(t.send("GET", "/openapi.json", null).body());
      assertThat(doc.at("/paths/~1accounts~1{id}~1restore").isMissingNode()).isTrue();
    }
  }

  @Test
  void restoreIsRefusedWhereItCannotWork() {
    assertThatThrownBy(() -> SqlResource.of(Memo.class).restore(true).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("has no @SoftDelete column");
    assertThatThrownBy(
            () -> SqlResource.of(Account.class).idAttribute("email").restore(true).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("by its primary key");
    // A read-only resource that answered restores would not be read-only.
    assertThatThrownBy(() -> SqlResource.of(Account.class).readOnly().restore(true).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("read-only")
        .hasMessageContaining("a restore is a write");
    assertThat(
            SqlResource.of(Account.class)
                .operations(SqlResource.Operation.GET, SqlResource.Operation.DELETE)
                .restore(true)
                .build()
                .prefix())
        .isEqualTo("/accounts");
  }
}
