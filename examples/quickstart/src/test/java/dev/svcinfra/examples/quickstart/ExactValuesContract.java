package dev.svcinfra.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.svcinfra.examples.quickstart.Http.Reply;
import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Money and text reach the database exactly or are refused with a 422 naming the field (issue 16):
 * no transfer below the balance's scale creates money, SQLite balances are exact, values beyond the
 * column are refused, text length counts characters, lone surrogates are refused.
 */
interface ExactValuesContract extends QuickstartCase {

  private long newAccount(String balance) {
    Reply r =
        http().post("/accounts", "{\"owner\":\"" + unique("o") + "\",\"balance\":" + balance + "}");
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    return r.json().path("id").asLong();
  }

  /** The balance exactly as the service wrote it (the test client's JSON reads doubles). */
  private String rawBalance(long id) {
    Matcher m =
        Pattern.compile("\"balance\"\\s*:\\s*([-0-9.eE+]+)")
            .matcher(http().get("/accounts/" + id).body());
    assertThat(m.find()).isTrue();
    return m.group(1);
  }

  private Reply transfer(long from, long to, String amount) {
    return http()
        .post("/transfer", "{\"from\":" + from + ",\"to\":" + to + ",\"amount\":" + amount + "}");
  }

  @Test
  default void transfersBelowTheScaleAreRefusedAndCreateNoMoney() {
    long from = newAccount("10.00");
    long to = newAccount("0");
    for (int i = 0; i < 4; i++) {
      Reply r = transfer(from, to, "0.005");
      assertProblem(r, 422, "validation");
      assertThat(fieldErrors(r)).containsExactly("amount:invalid_value");
      assertThat(r.json().path("errors").get(0).path("message").asText())
          .contains("after the point");
    }
    assertThat(rawBalance(from)).isEqualTo("10.00");
    assertThat(rawBalance(to)).isEqualTo("0.00");
    // Trailing zeros do not change the value: 0.010 is 0.01.
    assertThat(transfer(from, to, "0.010").status()).isEqualTo(200);
    assertThat(rawBalance(from)).isEqualTo("9.99");
    assertThat(rawBalance(to)).isEqualTo("0.01");
  }

  @Test
  default void tenthsAddUpExactly() {
    long from = newAccount("0.30");
    long to = newAccount("0");
    for (int i = 0; i < 3; i++) {
      Reply r = transfer(from, to, "0.10");
      assertThat(r.status()).as("transfer %d: %s", i + 1, r).isEqualTo(200);
    }
    assertThat(rawBalance(from)).isEqualTo("0.00");
    assertThat(rawBalance(to)).isEqualTo("0.30");
    Reply over = transfer(from, to, "0.01");
    assertThat(fieldErrors(over)).containsExactly("balance:invalid_value");
  }

  @Test
  default void largeBalancesRoundTripAndValuesBeyondTheColumnAre422() {
    long big = newAccount("12345678901234567.89");
    assertThat(http().get("/accounts/" + big).body()).contains("12345678901234567.89");
    for (String tooBig : new String[] {"123456789012345678901", "1e400", "-1e400", "0.001"}) {
      Reply r = http().post("/accounts", "{\"owner\":\"x\",\"balance\":" + tooBig + "}");
      assertProblem(r, 422, "validation");
      assertThat(fieldErrors(r)).as(tooBig).containsExactly("balance:invalid_value");
      assertThat(fieldErrors(http().patch("/accounts/" + big, "{\"balance\":" + tooBig + "}")))
          .as(tooBig)
          .containsExactly("balance:invalid_value");
    }
    assertThat(fieldErrors(transfer(big, newAccount("0"), "1e400")))
        .containsExactly("amount:invalid_value");
    assertThat(rawBalance(big)).isEqualTo("12345678901234567.89");
    long exact = newAccount("1.500");
    assertThat(rawBalance(exact)).isEqualTo("1.50");
  }

  @Test
  default void aBalanceThatWouldOverflowNamesTheBalance() {
    long rich = newAccount("90000000000000000.00");
    long donor = newAccount("20000000000000000.00");
    Reply r = transfer(donor, rich, "20000000000000000.00");
    assertProblem(r, 422, "validation");
    assertThat(fieldErrors(r)).containsExactly("balance:invalid_value");
    assertThat(new BigDecimal(rawBalance(rich))).isEqualByComparingTo("90000000000000000");
    assertThat(new BigDecimal(rawBalance(donor))).isEqualByComparingTo("20000000000000000");
  }

  @Test
  default void everyMissingTransferFieldIsReportedAtOnce() {
    Reply r = http().post("/transfer", "{}");
    assertProblem(r, 422, "validation");
    assertThat(fieldErrors(r))
        .containsExactlyInAnyOrder("from:required", "to:required", "amount:required");
    assertThat(
            fieldErrors(http().post("/transfer", "{\"from\":\"1\",\"amount\":0.001,\"memo\":1}")))
        .containsExactlyInAnyOrder(
            "memo:unknown_field", "from:invalid_type", "to:required", "amount:invalid_value");
  }

  @Test
  default void textLengthCountsCharactersAndLoneSurrogatesAre422() {
    String emoji = "\uD83D\uDE00".repeat(150);
    Reply ok =
        http()
            .post("/users", "{\"email\":\"" + unique("e") + "@x.com\",\"name\":\"" + emoji + "\"}");
    assertThat(ok.status()).as(ok.toString()).isEqualTo(201);
    assertThat(ok.json().path("name").asText()).isEqualTo(emoji);
    String id = ok.json().path("id").asText();
    assertThat(http().get("/users/" + id).json().path("name").asText()).isEqualTo(emoji);

    Reply tooLong =
        http()
            .post(
                "/users",
                "{\"email\":\""
                    + unique("f")
                    + "@x.com\",\"name\":\""
                    + "\uD83D\uDE00".repeat(201)
                    + "\"}");
    assertThat(fieldErrors(tooLong)).containsExactly("name:invalid_value");
    // JSON escapes reach the service as written: a high surrogate with no low one.
    Reply lone =
        http().post("/users", "{\"email\":\"" + unique("g") + "@x.com\",\"name\":\"a\\ud800b\"}");
    assertProblem(lone, 422, "validation");
    assertThat(fieldErrors(lone)).containsExactly("name:invalid_value");
    assertThat(fieldErrors(http().patch("/users/" + id, "{\"name\":\"\\udc00\"}")))
        .containsExactly("name:invalid_value");
    Reply tenant = http().post("/notes", "{\"title\":\"x\\ud83d\"}", "X-Tenant-Id", unique("t"));
    assertThat(fieldErrors(tenant)).containsExactly("title:invalid_value");
    assertThat(http().get("/users/" + id).json().path("name").asText()).isEqualTo(emoji);
  }
}
