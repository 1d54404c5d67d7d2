package dev.svcinfra.javalin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.router.ParsedEndpoint;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Compares an app's OpenAPI document with the routes it serves, both ways (issue 21): the paths and
 * methods the document lists are exactly the routes Javalin has mounted, each documented
 * path+method is routed when asked over HTTP, and each other method on a documented path answers
 * 405 with an {@code Allow} naming exactly the documented methods (HEAD with GET). For tests of
 * this module and of applications built on it.
 */
public final class DocumentedRoutes {
  /** The methods a document may list; HEAD and OPTIONS are checked against them. */
  private static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE");

  private static final List<String> ALLOW_ORDER =
      List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE");

  private final Javalin app;
  private final Set<String> undocumented;
  private final String[] headers;
  private final HttpClient client = HttpClient.newHttpClient();

  private DocumentedRoutes(Javalin app, Set<String> undocumented, String[] headers) {
    this.app = app;
    this.undocumented = undocumented;
    this.headers = headers;
  }

  /**
   * Asserts that the document of {@code app} (at {@code /openapi.json}) and its routes agree.
   *
   * @param undocumented paths mounted on purpose without a place in the document (the document
   *     itself, Swagger UI, health probes); one ending in {@code /} stands for every path under it.
   *     Anything else undocumented fails
   * @param headers name, value pairs sent with every request (a tenant, say), so that requests
   *     reach the handlers
   */
  public static void assertMatch(Javalin app, Set<String> undocumented, String... headers)
      throws Exception {
    new DocumentedRoutes(app, undocumented, headers).check();
  }

  private void check() throws Exception {
    JsonNode document = document();
    assertUniqueOperationIds(document);
    assertReferencesResolve(document);
    Map<String, Set<String>> documented = documented(document);
    assertThat(mounted()).as("routes mounted vs documented").isEqualTo(documented);
    for (Map.Entry<String, Set<String>> e : documented.entrySet()) {
      String path = e.getKey().replaceAll("\\{[^}]+}", "0");
      Set<String> methods = e.getValue();
      String allow = allow(methods);
      for (String method : METHODS) {
        HttpResponse<String> r = send(method, path);
        String what = method + " " + path + ": " + r.body();
        if (methods.contains(method)) {
          assertThat(r.statusCode()).as(what).isNotEqualTo(405);
          assertThat(r.body()).as(what).doesNotContain("\"code\":\"route_not_found\"");
        } else {
          assertThat(r.statusCode()).as(what).isEqualTo(405);
          assertThat(r.headers().firstValue("Allow")).as(what).contains(allow);
        }
      }
      HttpResponse<String> head = send("HEAD", path);
      if (methods.contains("GET")) {
        assertThat(head.statusCode()).as("HEAD " + path).isNotEqualTo(405);
      } else {
        assertThat(head.statusCode()).as("HEAD " + path).isEqualTo(405);
        assertThat(head.headers().firstValue("Allow")).as("HEAD " + path).contains(allow);
      }
      HttpResponse<String> options = send("OPTIONS", path);
      assertThat(options.statusCode()).as("OPTIONS " + path).isEqualTo(405);
      assertThat(options.headers().firstValue("Allow")).as("OPTIONS " + path).contains(allow);
    }
  }

  private JsonNode document() throws Exception {
    HttpResponse<String> r = send("GET", "/openapi.json");
    assertThat(r.statusCode()).isEqualTo(200);
    return JsonCodec.tree(r.body().getBytes(StandardCharsets.UTF_8));
  }

  /** Client generators turn operation ids into method names: two alike break them. */
  private static void assertUniqueOperationIds(JsonNode document) {
    List<String> ids = new ArrayList<>();
    document.findValues("operationId").forEach(id -> ids.add(id.asText()));
    assertThat(ids).as("operation ids").doesNotHaveDuplicates();
  }

  /** Every local {@code $ref} ({@code #/components/...}) points at something the document has. */
  private static void assertReferencesResolve(JsonNode document) {
    for (JsonNode ref : document.findValues("$ref")) {
      String target = ref.asText();
      assertThat(target).as("$ref").startsWith("#/");
      assertThat(document.at(target.substring(1)).isMissingNode()).as(target).isFalse();
    }
  }

  /** The document's paths with their methods, upper-case. */
  private static Map<String, Set<String>> documented(JsonNode document) {
    JsonNode paths = document.get("paths");
    Map<String, Set<String>> out = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> path = it.next();
      Set<String> methods = new TreeSet<>();
      path.getValue()
          .fieldNames()
          .forEachRemaining(
              m -> {
                String upper = m.toUpperCase(Locale.ROOT);
                // Path-level keys (parameters, summary, ...) are not operations.
                if (METHODS.contains(upper) || upper.equals("HEAD") || upper.equals("OPTIONS")) {
                  methods.add(upper);
                }
              });
      out.put(path.getKey(), methods);
    }
    return out;
  }

  /**
   * The app's routes by path, without the HEAD routes mirrored from GET ones (HEAD is implied by
   * GET, as in {@code Allow}) and with a trailing-slash alias counted as its path.
   */
  private Map<String, Set<String>> mounted() {
    Map<String, Set<String>> out = new TreeMap<>();
    for (ParsedEndpoint p : app.unsafe.internalRouter.allHttpHandlers()) {
      String method = p.endpoint.method.name();
      String path = p.endpoint.path;
      if (!p.endpoint.method.isHttpMethod() || method.equals("HEAD")) {
        continue;
      }
      if (path.length() > 1 && path.endsWith("/")) {
        path = path.substring(0, path.length() - 1);
      }
      if (isUndocumented(path)) {
        continue;
      }
      out.computeIfAbsent(path, k -> new TreeSet<>()).add(method);
    }
    return out;
  }

  private boolean isUndocumented(String path) {
    for (String u : undocumented) {
      if (u.endsWith("/") ? path.startsWith(u) : path.equals(u)) {
        return true;
      }
    }
    return false;
  }

  private static String allow(Set<String> methods) {
    List<String> out = new ArrayList<>();
    for (String m : ALLOW_ORDER) {
      if (methods.contains(m) || (m.equals("HEAD") && methods.contains("GET"))) {
        out.add(m);
      }
    }
    return String.join(", ", out);
  }

  private HttpResponse<String> send(String method, String path) throws Exception {
    boolean body = method.equals("POST") || method.equals("PUT") || method.equals("PATCH");
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
            .timeout(Duration.ofSeconds(30))
            .method(
                method,
                body
                    ? HttpRequest.BodyPublishers.ofString("{}")
                    : HttpRequest.BodyPublishers.noBody());
    if (body) {
      b.header("Content-Type", "application/json");
    }
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
