package dev.svcinfra.reliability;

import java.math.BigInteger;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

/**
 * Generators of hostile HTTP input: injection strings, unicode edge cases, huge and malformed
 * numbers, malformed and deeply nested JSON, wrong types, oversized bodies, and requests built from
 * them for one resource.
 *
 * <pre>{@code
 * Arbitrary<HostileInputs.Request> requests = HostileInputs.requests("/users",
 *     List.of("email", "name"), null);
 * }</pre>
 *
 * @since 0.1
 */
final class HostileInputs {
  private HostileInputs() {}

  /** One generated request: method, path with query, headers (name, value pairs), body. */
  record Request(String method, String path, List<String> headers, String body) {
    @Override
    public String toString() {
      String b =
          body == null
              ? ""
              : body.length() > 200
                  ? body.substring(0, 200) + "...(" + body.length() + " chars)"
                  : body;
      return method
          + " "
          + (path.length() > 300 ? path.substring(0, 300) + "..." : path)
          + " "
          + headers
          + " "
          + b;
    }
  }

  static final List<String> INJECTIONS =
      List.of(
          "' OR '1'='1",
          "' OR 1=1 --",
          "1; DROP TABLE users; --",
          "\" OR \"\"=\"",
          "') UNION SELECT usename, passwd FROM pg_shadow --",
          "1 UNION SELECT NULL,NULL,NULL",
          "name; DELETE FROM notes",
          "id) OR (1=1",
          "created_at DESC; DROP TABLE accounts",
          "(SELECT pg_sleep(5))",
          "1 AND SLEEP(5)",
          "%",
          "_",
          "%%_%",
          "\\",
          "\\'",
          "*/",
          "/*",
          "$$",
          "::text",
          "--",
          ";",
          "'; COMMIT; DROP TABLE notes; --",
          "`",
          "``users``",
          "\"users\"",
          "email,(SELECT 1)",
          "-email",
          "--email",
          "+name",
          "name,,email",
          "*",
          "../../etc/passwd",
          "..%2F..%2F",
          "${jndi:ldap://x/a}",
          "{{7*7}}",
          "<script>x</script>",
          "tenant_id",
          "deleted_at",
          "password",
          "id desc nulls first",
          "1e309",
          "-0",
          "0x1F",
          "9223372036854775808",
          "-9223372036854775809",
          "99999999999999999999999999999999",
          "1.7976931348623157E309",
          "NaN",
          "Infinity",
          "-Infinity",
          "00000000-0000-0000-0000-" + "000000000000",
          "null",
          "true",
          "[]",
          "{}",
          "\u0000",
          "a\u0000b",
          "\uFEFF",
          "\u202Eevil",
          "\u200B",
          "e\u0301",
          "\uD83D\uDE00",
          "\uD800",
          "\uDFFF",
          "𝕏𝕐",
          "İı",
          "ß",
          "\r\nX-Injected: 1",
          "\t",
          " ",
          "");

  /** Strings a hostile client puts anywhere: injections, unicode, numbers, noise, long runs. */
  static Arbitrary<String> strings() {
    return Arbitraries.frequencyOf(
        Tuple.of(5, Arbitraries.of(INJECTIONS)),
        Tuple.of(3, Arbitraries.strings().all().ofMaxLength(40)),
        Tuple.of(2, Arbitraries.strings().withCharRange('!', '~').ofMaxLength(20)),
        Tuple.of(1, Arbitraries.of(INJECTIONS).map(s -> s.repeat(200))),
        Tuple.of(1, Arbitraries.longs().map(String::valueOf)),
        Tuple.of(
            1,
            Arbitraries.bigIntegers()
                .between(BigInteger.TEN.pow(30).negate(), BigInteger.TEN.pow(30))
                .map(String::valueOf)));
  }

  /** A JSON value of any type, hostile strings included, nested at most {@code depth}. */
  static Arbitrary<String> jsonValues(int depth) {
    Arbitrary<String> scalars =
        Arbitraries.oneOf(
            strings().map(HostileInputs::jsonString),
            Arbitraries.of(
                "0",
                "-1",
                "1e400",
                "-1e400",
                "123456789012345678901234567890",
                "0.0000000000000000000000000000001",
                "1.5",
                "true",
                "false",
                "null",
                "9223372036854775807",
                "-9223372036854775808",
                "\"\\ud800\"",
                "\"\\u0000\"",
                "\"\\udfff\\ud800\""),
            Arbitraries.integers().map(String::valueOf),
            Arbitraries.doubles().map(String::valueOf));
    if (depth <= 0) {
      return scalars;
    }
    return Arbitraries.oneOf(
        scalars,
        jsonValues(depth - 1).list().ofMaxSize(3).map(l -> "[" + String.join(",", l) + "]"),
        Arbitraries.lazy(() -> objects(List.of("a", "id", "x"), depth - 1)));
  }

  /** A JSON object over the given field names (and strangers), values of any type. */
  static Arbitrary<String> objects(List<String> fields, int depth) {
    Arbitrary<String> name =
        Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.of(fields)), Tuple.of(1, strings()));
    Arbitrary<String> member =
        Combinators.combine(name, jsonValues(depth)).as((n, v) -> jsonString(n) + ":" + v);
    return member.list().ofMaxSize(6).map(l -> "{" + String.join(",", l) + "}");
  }

  /** Request bodies: malformed, wrongly typed, deep, huge, or plausible with hostile values. */
  static Arbitrary<String> bodies(List<String> fields) {
    return Arbitraries.frequencyOf(
        Tuple.of(8, objects(fields, 1)),
        Tuple.of(
            4,
            Arbitraries.of(
                "{",
                "}",
                "[",
                "{\"a\":",
                "{\"email\":}",
                "{'email':'x'}",
                "{\"a\":1,}",
                "nul",
                "tru",
                "\"unterminated",
                "{\"a\" 1}",
                "{\"a\":1}{\"b\":2}",
                "\u0000",
                "\uFEFF{}",
                "{\"a\":\"\\x41\"}",
                "{\"a\":01}",
                "{\"a\":.5}",
                "{\"a\":+1}",
                "{\"a\":0x10}",
                "[1,2",
                "<xml/>",
                "")),
        Tuple.of(2, jsonValues(2)),
        Tuple.of(
            2, Arbitraries.integers().between(100, 20_000).map(d -> "[".repeat(d) + "]".repeat(d))),
        Tuple.of(
            2,
            Arbitraries.integers()
                .between(100, 5_000)
                .map(d -> "{\"a\":".repeat(d) + "1" + "}".repeat(d))),
        Tuple.of(
            1,
            Arbitraries.of(fields)
                .map(f -> "{" + jsonString(f) + ":\"" + "x".repeat(1_100_000) + "\"}")),
        Tuple.of(4, strings()));
  }

  /** Requests on a resource: collection and item routes, hostile query, ids, headers, bodies. */
  static Arbitrary<Request> requests(String prefix, List<String> fields, String tenantHeader) {
    Arbitrary<String> method =
        Arbitraries.of("GET", "GET", "POST", "POST", "PATCH", "PUT", "DELETE");
    Arbitrary<String> id =
        Arbitraries.frequencyOf(
            Tuple.of(
                1, Arbitraries.of("1", "2", "0", "-1", "00000000-0000-0000-0000-000000000000")),
            Tuple.of(6, strings().filter(s -> !s.isEmpty())));
    Arbitrary<String> path =
        Arbitraries.frequencyOf(
            Tuple.of(3, Arbitraries.just(prefix)),
            Tuple.of(3, id.map(i -> prefix + "/" + encodePath(i))),
            Tuple.of(1, id.map(i -> prefix + "/" + encodePath(i) + "/" + encodePath(i))));
    Arbitrary<String> param =
        Arbitraries.of(
            "q",
            "order_by",
            "fields",
            "limit",
            "cursor",
            "offset",
            "include_deleted",
            "tenant_id",
            "id",
            "email");
    Arbitrary<String> query =
        Combinators.combine(param, strings())
            .as((p, v) -> p + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8))
            .list()
            .ofMaxSize(4)
            .map(l -> l.isEmpty() ? "" : "?" + String.join("&", l));
    Arbitrary<List<String>> headers =
        Combinators.combine(
                Arbitraries.of(
                    "application/json",
                    "application/json",
                    "text/plain",
                    "application/xml",
                    "application/json; charset=utf-16",
                    "multipart/form-data",
                    "*/*"),
                tenantHeader == null
                    ? Arbitraries.just("")
                    : Arbitraries.frequencyOf(
                        Tuple.of(3, Arbitraries.of("t1", "t2")), Tuple.of(3, strings())),
                Arbitraries.of(
                    "X-Request-Id",
                    "Accept",
                    "X-Forwarded-For",
                    "If-Match",
                    "If-None-Match",
                    "Cookie"),
                strings())
            .as(
                (type, tenant, name, value) ->
                    tenantHeader == null
                        ? List.of("Content-Type", type, name, headerValue(value))
                        : List.of(
                            "Content-Type",
                            type,
                            tenantHeader,
                            headerValue(tenant),
                            name,
                            headerValue(value)));
    return Combinators.combine(method, path, query, headers, bodies(fields))
        .as(
            (m, p, q, h, b) ->
                new Request(m, p + q, h, m.equals("GET") || m.equals("DELETE") ? null : b));
  }

  static String jsonString(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }

  private static String encodePath(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /**
   * HTTP forbids CR, LF and other controls in header values (the client refuses to send them);
   * everything else, injection strings and Latin-1 included, goes through as generated.
   */
  private static String headerValue(String s) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      b.append(c == '\t' || (c >= 0x20 && c < 0x7F) ? c : '?');
    }
    return b.toString().strip();
  }
}
