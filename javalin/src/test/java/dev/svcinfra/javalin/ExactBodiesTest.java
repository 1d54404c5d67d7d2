package dev.svcinfra.javalin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.svcinfra.sql.FieldError;
import dev.svcinfra.sql.ValidationException;
import dev.svcinfra.sql.model.annotation.Column;
import dev.svcinfra.sql.model.internal.MappedColumn;
import dev.svcinfra.sql.model.internal.TableMapping;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Bodies carry values exactly or are refused naming the field (issue 16): every problem of a
 * request record at once, its {@code @Column} limits, lone surrogates; and a generated resource's
 * columns by their precision, scale and length in characters.
 */
class ExactBodiesTest {
  record Transfer(
      long from,
      long to,
      @Column(precision = 19, scale = 2) BigDecimal amount,
      @Column(length = 5) String memo) {}

  private static List<String> errors(String body) {
    try {
      JsonCodec.read(body.getBytes(StandardCharsets.UTF_8), Transfer.class);
    } catch (ValidationException e) {
      return e.errors().stream().map(err -> err.field() + ":" + err.code()).toList();
    }
    return List.of();
  }

  @Test
  void everyProblemOfARecordIsReportedAtOnce() {
    assertThat(errors("{}"))
        .containsExactly("from:required", "to:required", "amount:required", "memo:required");
    assertThat(errors("{\"from\":1.5,\"to\":null,\"amount\":\"1\",\"memo\":\"a\",\"x\":0}"))
        .containsExactlyInAnyOrder(
            "x:unknown_field", "from:invalid_type", "to:required", "amount:invalid_type");
  }

  @Test
  void recordComponentsHonourColumnLimitsAndRefuseLoneSurrogates() {
    String ok = "{\"from\":1,\"to\":2,\"amount\":%s,\"memo\":\"%s\"}";
    assertThat(errors(ok.formatted("0.005", "a"))).containsExactly("amount:invalid_value");
    assertThat(errors(ok.formatted("1e400", "a"))).containsExactly("amount:invalid_value");
    assertThat(errors(ok.formatted("123456789012345678", "a")))
        .containsExactly("amount:invalid_value");
    assertThat(
            errors(
                ok.formatted(
                    "1.500", "\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00")))
        .isEmpty();
    assertThat(errors(ok.formatted("1", "abcdef"))).containsExactly("memo:invalid_value");
    assertThat(errors(ok.formatted("1", "a\\ud800"))).containsExactly("memo:invalid_value");
    assertThat(errors(ok.formatted("1", "\\udc00a"))).containsExactly("memo:invalid_value");
    Transfer t =
        JsonCodec.read(
            ok.formatted("1.500", "hi").getBytes(StandardCharsets.UTF_8), Transfer.class);
    assertThat(t.amount()).isEqualByComparingTo("1.5");
  }

  private static Object column(String name, String json) throws ColumnJson.Invalid {
    MappedColumn c = TableMapping.of(Gadget.class).column(name).orElseThrow();
    JsonNode node = JsonCodec.tree(json.getBytes(StandardCharsets.UTF_8));
    return ColumnJson.fromJson(c, node);
  }

  private static FieldError refusal(String name, String json) {
    try {
      column(name, json);
    } catch (ColumnJson.Invalid e) {
      return e.error;
    }
    throw new AssertionError(json + " was accepted for " + name);
  }

  @Test
  void generatedColumnsTakeValuesThatFitExactly() throws Exception {
    assertThat(column("price", "123456789.123")).isEqualTo(new BigDecimal("123456789.123"));
    assertThat(column("price", "1.5000")).isEqualTo(new BigDecimal("1.500"));
    for (String bad : List.of("0.0001", "1e400", "1234567890", "-1e-400")) {
      FieldError e = refusal("price", bad);
      assertThat(e.field()).isEqualTo("price");
      assertThat(e.code()).isEqualTo(FieldError.INVALID_VALUE);
    }
    String forty = "\"" + "\uD83D\uDE00".repeat(40) + "\"";
    assertThat(column("code", forty)).isEqualTo("\uD83D\uDE00".repeat(40));
    assertThat(refusal("code", "\"" + "\uD83D\uDE00".repeat(41) + "\"").message())
        .contains("longer than 40 characters");
    assertThat(refusal("code", "\"ab\\ud83d\"").message()).contains("surrogate");
  }

  record Renamed(
      @com.fasterxml.jackson.annotation.JsonProperty("from_account") long from,
      @com.fasterxml.jackson.annotation.JsonProperty("to_account") long to) {}

  @Test
  void renamedComponentsAreCheckedUnderTheirJsonNames() {
    assertThatThrownBy(
            () -> JsonCodec.read("{\"from\":1}".getBytes(StandardCharsets.UTF_8), Renamed.class))
        .isInstanceOfSatisfying(
            ValidationException.class,
            e ->
                assertThat(e.errors())
                    .extracting(err -> err.field() + ":" + err.code())
                    .containsExactly(
                        "from:unknown_field", "from_account:required", "to_account:required"));
    assertThat(
            JsonCodec.read(
                "{\"from_account\":1,\"to_account\":2}".getBytes(StandardCharsets.UTF_8),
                Renamed.class))
        .isEqualTo(new Renamed(1, 2));
  }

  @Test
  void ordinaryBodiesStillBind() {
    assertThatThrownBy(() -> JsonCodec.read("[1]".getBytes(StandardCharsets.UTF_8), Transfer.class))
        .isInstanceOf(ValidationException.class);
    Transfer t =
        JsonCodec.read(
            "{\"from\":1,\"to\":2,\"amount\":3,\"memo\":\"m\"}".getBytes(StandardCharsets.UTF_8),
            Transfer.class);
    assertThat(t).isEqualTo(new Transfer(1, 2, new BigDecimal("3"), "m"));
  }
}
