package dev.svcinfra.javalin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.svcinfra.sql.Transaction;
import dev.svcinfra.sql.repo.SqlRepository;
import dev.svcinfra.sql.service.SqlService;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tenant resources: a custom resolver, service hooks that still run, blank tenants refused. */
class TenantResourceTest {
  @TempDir Path dir;

  /** Upper-cases memo text before insert: a business rule living in the service. */
  static final class ShoutingMemos extends SqlService<Memo> {
    ShoutingMemos(SqlRepository<Memo> repo) {
      super(repo);
    }

    @Override
    protected Map<String, Object> preCreate(Transaction tx, Map<String, Object> values) {
      values.computeIfPresent("text", (k, v) -> v.toString().toUpperCase(Locale.ROOT));
      return values;
    }
  }

  @Test
  void customResolverAndServiceHooks() throws Exception {
    dev.svcinfra.sql.Database db =
        dev.svcinfra.sql.Database.open("sqlite:///" + dir.resolve("memo.db").toAbsolutePath());
    TestApp.createTables(db, Memo.class);
    try (TestApp t =
        new TestApp(
            sql -> {
              sql.database = db;
              sql.tenantResolver = ctx -> Optional.ofNullable(ctx.queryParam("org"));
              sql.resource(
                  // The resolver reads the tenant from a query parameter the routes do not
                  // otherwise take: the documented reason to allow unknown parameters.
                  SqlResource.of(Memo.class)
                      .prefix("/memos")
                      .service(ShoutingMemos::new)
                      .allowUnknownQueryParameters()
                      .build());
            },
            config -> {})) {
      HttpResponse<String> created = t.send("POST", "/memos?org=acme", "{\"text\":\"hi\"}");
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      assertThat(created.body()).contains("\"text\":\"HI\"").contains("\"tenant\":\"acme\"");
      assertThat(t.send("GET", "/memos?org=other", null).body()).contains("\"total\":0");
      assertThat(t.send("GET", "/memos?org=acme", null).body()).contains("\"total\":1");
      HttpResponse<String> blank = t.send("GET", "/memos?org=%20", null);
      assertThat(blank.statusCode()).isEqualTo(400);
      assertThat(blank.body()).contains("tenant_context_missing");
      assertThat(t.send("GET", "/memos", null).statusCode()).isEqualTo(400);
    }
  }

  @Test
  void resourceSettingsAreCheckedAtBuildTime() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> SqlResource.of(Memo.class).softDelete(true).build())
        .hasMessageContaining("@SoftDelete");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> SqlResource.of(Memo.class).defaultOrder("-nope").build())
        .hasMessageContaining("nope");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> SqlResource.of(Memo.class).createFields("id").build())
        .hasMessageContaining("create schema");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> SqlResource.of(Memo.class).prefix("/memos/").build())
        .hasMessageContaining("prefix");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> SqlResource.of(Memo.class).idAttribute("text").build())
        .hasMessageContaining("not unique");
  }
}
