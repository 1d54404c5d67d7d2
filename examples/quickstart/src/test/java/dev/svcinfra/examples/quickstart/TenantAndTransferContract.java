package dev.svcinfra.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.svcinfra.examples.quickstart.Http.Reply;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Tenant-scoped notes, accounts with their CHECK, transfers and keyset paging. */
interface TenantAndTransferContract extends QuickstartCase {
  // ---- notes: tenants ----------------------------------------------------------------------

  @Test
  default void notesAreIsolatedByTenant() {
    String a = unique("ta");
    String b = unique("tb");
    Reply created =
        http().post("/notes", "{\"title\":\"secret\",\"body\":\"of a\"}", "X-Tenant-Id", a);
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    JsonNode note = created.json();
    assertThat(note.path("tenant_id").asText()).isEqualTo(a);
    assertThat(note.path("id").canConvertToLong()).isTrue();
    String path = "/notes/" + note.path("id").asLong();

    assertThat(http().get(path, "X-Tenant-Id", a).status()).isEqualTo(200);
    assertProblem(http().get(path, "X-Tenant-Id", b), 404, "not_found");
    assertProblem(http().patch(path, "{\"title\":\"stolen\"}", "X-Tenant-Id", b), 404, "not_found");
    assertProblem(http().delete(path, "X-Tenant-Id", b), 404, "not_found");
    assertThat(http().get("/notes", "X-Tenant-Id", b).json().path("total").asLong()).isZero();
    assertThat(http().get("/notes", "X-Tenant-Id", a).json().path("total").asLong()).isEqualTo(1);
    assertThat(http().get(path, "X-Tenant-Id", a).json().path("title").asText())
        .isEqualTo("secret");
  }

  /**
   * Issue 16: tenant ids compare exactly on every database. MariaDB's default collation once let
   * {@code ACME-x}, {@code ácme-x} and {@code acme-x } read, change and delete {@code acme-x}'s
   * note.
   */
  @Test
  default void lookalikeTenantIdsAreOtherTenants() {
    String tag = unique("");
    String owner = "acme-" + tag;
    Reply created = http().post("/notes", "{\"title\":\"secret\"}", "X-Tenant-Id", owner);
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    String path = "/notes/" + created.json().path("id").asLong();
    // HTTP strips spaces around header values; a no-break space stays.
    for (String other :
        List.of(
            "ACME-" + tag,
            "Acme-" + tag,
            "\u00e1cme-" + tag,
            "acme-" + tag + "\u00a0",
            "acme-" + tag.toUpperCase(Locale.ROOT))) {
      if (other.equals(owner)) {
        continue;
      }
      assertProblem(http().get(path, "X-Tenant-Id", other), 404, "not_found");
      assertProblem(
          http().patch(path, "{\"title\":\"stolen\"}", "X-Tenant-Id", other), 404, "not_found");
      assertProblem(http().delete(path, "X-Tenant-Id", other), 404, "not_found");
      assertThat(http().get("/notes?q=secret", "X-Tenant-Id", other).json().path("total").asLong())
          .as(other)
          .isZero();
    }
    assertThat(http().get(path, "X-Tenant-Id", owner).json().path("title").asText())
        .isEqualTo("secret");
  }

  @Test
  default void tenantValuesInBodiesCannotSpoofAnotherTenant() {
    String a = unique("sa");
    String b = unique("sb");
    Reply spoofed =
        http().post("/notes", "{\"title\":\"t\",\"tenant_id\":\"" + b + "\"}", "X-Tenant-Id", a);
    assertProblem(spoofed, 422, "validation");
    assertThat(fieldErrors(spoofed)).containsExactly("tenant_id:not_allowed");
    assertThat(http().get("/notes", "X-Tenant-Id", b).json().path("total").asLong()).isZero();
    assertThat(http().get("/notes", "X-Tenant-Id", a).json().path("total").asLong()).isZero();

    Reply own =
        http().post("/notes", "{\"title\":\"t\",\"tenant_id\":\"" + a + "\"}", "X-Tenant-Id", a);
    assertThat(own.status()).isEqualTo(201);
    String path = "/notes/" + own.json().path("id").asLong();
    Reply move = http().patch(path, "{\"tenant_id\":\"" + b + "\"}", "X-Tenant-Id", a);
    assertProblem(move, 422, "validation");
    Reply keep =
        http().patch(path, "{\"tenant_id\":\"" + a + "\",\"title\":\"u\"}", "X-Tenant-Id", a);
    assertThat(keep.status()).as(keep.toString()).isEqualTo(200);
    assertThat(keep.json().path("tenant_id").asText()).isEqualTo(a);
    assertThat(http().get("/notes", "X-Tenant-Id", b).json().path("total").asLong()).isZero();
  }

  @Test
  default void missingOrBlankTenantIs400() {
    assertProblem(http().get("/notes"), 400, "tenant_context_missing");
    assertProblem(http().get("/notes", "X-Tenant-Id", "   "), 400, "tenant_context_missing");
    assertProblem(http().post("/notes", "{\"title\":\"t\"}"), 400, "tenant_context_missing");
    assertProblem(http().get("/notes/1"), 400, "tenant_context_missing");
  }

  @Test
  default void noteTitleIsRequired() {
    String t = unique("req");
    assertThat(fieldErrors(http().post("/notes", "{\"body\":\"b\"}", "X-Tenant-Id", t)))
        .containsExactly("title:required");
    assertThat(fieldErrors(http().post("/notes", "{\"title\":null}", "X-Tenant-Id", t)))
        .containsExactly("title:required");
  }

  // ---- accounts and transfers ----------------------------------------------------------------

  default long account(String owner, String balance) {
    Reply r = http().post("/accounts", "{\"owner\":\"" + owner + "\",\"balance\":" + balance + "}");
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    return r.json().path("id").asLong();
  }

  default BigDecimal balance(long id) {
    return http().get("/accounts/" + id).json().path("balance").decimalValue();
  }

  @Test
  default void transferMovesMoney() {
    long from = account("alice", "100.50");
    long to = account("bob", "0");
    assertThat(balance(from)).isEqualByComparingTo("100.50");
    Reply ok =
        http().post("/transfer", "{\"from\":" + from + ",\"to\":" + to + ",\"amount\":40.25}");
    assertThat(ok.status()).as(ok.toString()).isEqualTo(200);
    assertThat(ok.json().path("status").asText()).isEqualTo("ok");
    assertThat(balance(from)).isEqualByComparingTo("60.25");
    assertThat(balance(to)).isEqualByComparingTo("40.25");
  }

  @Test
  default void overdraftRollsBackBothUpdates() {
    long from = account("carol", "10");
    long to = account("dave", "5");
    Reply over =
        http().post("/transfer", "{\"from\":" + from + ",\"to\":" + to + ",\"amount\":10.01}");
    assertProblem(over, 422, "validation");
    // Whatever update ran before the failed debit was rolled back with it.
    assertThat(balance(from)).isEqualByComparingTo("10");
    assertThat(balance(to)).isEqualByComparingTo("5");

    assertProblem(
        http().post("/transfer", "{\"from\":999999,\"to\":" + to + ",\"amount\":1}"),
        404,
        "not_found");
    assertThat(balance(to)).isEqualByComparingTo("5");
  }

  @Test
  default void transferBodiesAreStrict() {
    long from = account("erin", "10");
    long to = account("frank", "0");
    String pair = "\"from\":" + from + ",\"to\":" + to;
    assertThat(fieldErrors(http().post("/transfer", "{" + pair + ",\"amount\":\"5\"}")))
        .containsExactly("amount:invalid_type");
    assertThat(fieldErrors(http().post("/transfer", "{" + pair + "}"))).hasSize(1);
    assertThat(fieldErrors(http().post("/transfer", "{" + pair + ",\"amount\":null}")))
        .containsExactly("amount:required");
    assertThat(fieldErrors(http().post("/transfer", "{" + pair + ",\"amount\":1,\"memo\":\"x\"}")))
        .containsExactly("memo:unknown_field");
    assertThat(fieldErrors(http().post("/transfer", "{" + pair + ",\"amount\":-1}")))
        .containsExactly("amount:invalid_value");
    assertThat(
            fieldErrors(
                http()
                    .post(
                        "/transfer", "{\"from\":\"" + from + "\",\"to\":" + to + ",\"amount\":1}")))
        .containsExactly("from:invalid_type");
    assertThat(balance(from)).isEqualByComparingTo("10");
  }

  @Test
  default void balanceCheckHoldsOnCreateAndUpdate() {
    assertProblem(
        http().post("/accounts", "{\"owner\":\"neg\",\"balance\":-1}"), 422, "validation");
    long id = account("gina", "3");
    assertProblem(http().patch("/accounts/" + id, "{\"balance\":-0.01}"), 422, "validation");
    assertThat(balance(id)).isEqualByComparingTo("3");
    assertThat(fieldErrors(http().post("/accounts", "{\"owner\":\"x\",\"balance\":1.234}")))
        .containsExactly("balance:invalid_value");
    assertThat(fieldErrors(http().post("/accounts", "{\"owner\":\"x\",\"balance\":\"1\"}")))
        .containsExactly("balance:invalid_type");
    Reply created = http().post("/accounts", "{\"owner\":\"hank\"}");
    assertThat(created.json().path("balance").decimalValue()).isEqualByComparingTo("0");
  }

  @Test
  default void keysetPagingFollowsNextCursor() {
    for (int i = 0; i < 3; i++) {
      account(unique("ks"), "1");
    }
    long total = http().get("/accounts?limit=1&count=exact").json().path("total").asLong();
    List<Long> seen = new ArrayList<>();
    String cursor = "";
    for (int page = 0; page <= total; page++) {
      Reply r = http().get("/accounts?limit=2&cursor=" + cursor);
      assertThat(r.status()).as(r.toString()).isEqualTo(200);
      r.json().path("items").forEach(i -> seen.add(i.path("id").asLong()));
      JsonNode next = r.json().path("next_cursor");
      if (next.isNull()) {
        break;
      }
      cursor = URLEncoder.encode(next.asText(), StandardCharsets.UTF_8);
    }
    assertThat(seen).hasSize((int) total).doesNotHaveDuplicates().isSorted();
  }
}
