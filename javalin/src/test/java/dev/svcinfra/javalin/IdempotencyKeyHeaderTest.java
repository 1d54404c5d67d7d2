package dev.svcinfra.javalin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.svcinfra.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The header's grammar (a Structured Field String, or its unquoted characters) and the request
 * fingerprint's canonical JSON; no server, no database.
 */
class IdempotencyKeyHeaderTest {
  private static ErrorCode refusal(List<String> values) {
    try {
      IdempotencyKeyHeader.parse(values);
    } catch (RequestRejectedException e) {
      return e.code();
    }
    throw new AssertionError("accepted " + values);
  }

  @Test
  void quotedAndBareFormsNameTheSameKey() {
    assertThat(IdempotencyKeyHeader.parse(List.of())).isNull();
    assertThat(IdempotencyKeyHeader.parse(List.of("8e03978e-40d5"))).isEqualTo("8e03978e-40d5");
    assertThat(IdempotencyKeyHeader.parse(List.of("\"8e03978e-40d5\""))).isEqualTo("8e03978e-40d5");
    assertThat(IdempotencyKeyHeader.parse(List.of(" abc "))).isEqualTo("abc");
    assertThat(IdempotencyKeyHeader.parse(List.of("\"a\\\"b\\\\c\""))).isEqualTo("a\"b\\c");
    assertThat(IdempotencyKeyHeader.parse(List.of("abc", "\"abc\""))).isEqualTo("abc");
    assertThat(IdempotencyKeyHeader.parse(List.of("k".repeat(255)))).hasSize(255);
    assertThat(IdempotencyKeyHeader.parse(List.of("\"a,b\""))).isEqualTo("a,b");
  }

  @Test
  void malformedKeysAreRefused() {
    for (String bad :
        List.of(
            "",
            "   ",
            "\"\"",
            "k".repeat(256),
            "\"" + "k".repeat(256) + "\"",
            "two words",
            "\"two words\"",
            "tab\there",
            "ключ",
            "caf\u00e9",
            "\"unterminated",
            "\"a\"b",
            "\"a\\nb\"",
            "a,b")) {
      assertThat(refusal(List.of(bad))).as(bad).isEqualTo(ErrorCode.IDEMPOTENCY_KEY_INVALID);
    }
    assertThat(refusal(List.of("a", "b"))).isEqualTo(ErrorCode.IDEMPOTENCY_KEY_INVALID);
    assertThatThrownBy(() -> IdempotencyKeyHeader.parse(List.of(""))).hasMessageContaining("empty");
  }

  private static String fingerprint(String body) {
    return RequestFingerprint.request(
        "POST", "/gadgets", null, body.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void theFingerprintIgnoresJsonLayoutButNoValue() {
    String a = fingerprint("{\"code\":\"x\",\"price\":1.50,\"specs\":{\"b\":[1,2],\"a\":null}}");
    assertThat(
            fingerprint(
                " { \"specs\" : {\"a\":null, \"b\":[1, 2]}, \"price\":1.50, \"code\":\"x\"}"))
        .isEqualTo(a);
    // The same number written with another trailing zero is the same request; another number not.
    assertThat(fingerprint("{\"code\":\"x\",\"price\":1.5,\"specs\":{\"b\":[1,2],\"a\":null}}"))
        .isEqualTo(a);
    assertThat(fingerprint("{\"code\":\"x\",\"price\":1.51,\"specs\":{\"b\":[1,2],\"a\":null}}"))
        .isNotEqualTo(a);
    assertThat(
            fingerprint("{\"code\":\"x\",\"price\":\"1.50\",\"specs\":{\"b\":[1,2],\"a\":null}}"))
        .isNotEqualTo(a);
    assertThat(fingerprint("{\"code\":\"x\",\"price\":1.50,\"specs\":{\"b\":[2,1],\"a\":null}}"))
        .isNotEqualTo(a);
    assertThat(fingerprint("{\"code\":\"y\",\"price\":1.50,\"specs\":{\"b\":[1,2],\"a\":null}}"))
        .isNotEqualTo(a);
    // Not JSON: byte for byte, and never equal to a JSON body.
    assertThat(fingerprint("not json")).isEqualTo(fingerprint("not json"));
    assertThat(fingerprint("not  json")).isNotEqualTo(fingerprint("not json"));
    assertThat(fingerprint("")).isNotEqualTo(fingerprint("\"\""));
    String base = fingerprint("{}");
    assertThat(RequestFingerprint.request("PATCH", "/gadgets", null, "{}".getBytes()))
        .isNotEqualTo(base);
    assertThat(RequestFingerprint.request("POST", "/gadgets/", null, "{}".getBytes()))
        .isNotEqualTo(base);
    assertThat(RequestFingerprint.request("POST", "/gadgets", "a=1", "{}".getBytes()))
        .isNotEqualTo(base);
  }

  @Test
  void scopesSeparateTenantsMethodsPathsAndKeys() {
    String s = RequestFingerprint.scope("acme", "POST", "/memos", "k");
    assertThat(s).hasSize(64).matches("[0-9a-f]+");
    assertThat(RequestFingerprint.scope("acme", "POST", "/memos", "k")).isEqualTo(s);
    assertThat(RequestFingerprint.scope("other", "POST", "/memos", "k")).isNotEqualTo(s);
    assertThat(RequestFingerprint.scope(null, "POST", "/memos", "k")).isNotEqualTo(s);
    assertThat(RequestFingerprint.scope("", "POST", "/memos", "k"))
        .isNotEqualTo(RequestFingerprint.scope(null, "POST", "/memos", "k"));
    assertThat(RequestFingerprint.scope("acme", "PATCH", "/memos", "k")).isNotEqualTo(s);
    assertThat(RequestFingerprint.scope("acme", "POST", "/memos/1", "k")).isNotEqualTo(s);
    assertThat(RequestFingerprint.scope("acme", "POST", "/memo", "sk")).isNotEqualTo(s);
  }
}
