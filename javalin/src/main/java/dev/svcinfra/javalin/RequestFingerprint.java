package dev.svcinfra.javalin;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.TreeSet;

/**
 * SHA-256 digests that identify an idempotent request. The key's scope: the tenant (when there is
 * one), method, path and key, so the same key sent by two tenants or to two routes names two
 * entries. The request's fingerprint: method, path, query and the body in canonical form, so that a
 * retry whose JSON only spaces or orders its members differently, or writes a number with other
 * trailing zeros (1.5, 1.50), is the same request, and any change of a value is another one. A body
 * that is not JSON counts byte for byte.
 */
final class RequestFingerprint {
  private RequestFingerprint() {}

  static String scope(String tenant, String method, String path, String key) {
    Digest d = new Digest();
    d.part(tenant == null ? "-" : "+" + tenant);
    d.part(method);
    d.part(path);
    d.part(key);
    return d.hex();
  }

  static String request(String method, String path, String query, byte[] body) {
    Digest d = new Digest();
    d.part(method);
    d.part(path);
    d.part(query == null ? "" : query);
    d.part(canonical(body));
    return d.hex();
  }

  /**
   * The body as canonical JSON (members sorted, numbers by value, no spaces), or as it is when it
   * is not JSON.
   */
  static byte[] canonical(byte[] body) {
    JsonNode tree;
    try {
      tree = body.length == 0 ? null : JsonCodec.MAPPER.readTree(body);
    } catch (IOException notJson) {
      tree = null;
    }
    if (tree == null || tree.isMissingNode()) {
      byte[] raw = new byte[body.length + 1];
      raw[0] = 'r'; // never equal to a JSON document's canonical form, which starts with 'j'
      System.arraycopy(body, 0, raw, 1, body.length);
      return raw;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 1);
    out.write('j');
    try (JsonGenerator g = JsonCodec.MAPPER.getFactory().createGenerator(out)) {
      write(g, tree);
    } catch (IOException e) {
      throw new IllegalStateException("writing to memory failed", e);
    }
    return out.toByteArray();
  }

  private static void write(JsonGenerator g, JsonNode node) throws IOException {
    if (node.isObject()) {
      g.writeStartObject();
      for (String name : new TreeSet<>(iterable(node.fieldNames()))) {
        g.writeFieldName(name);
        write(g, node.get(name));
      }
      g.writeEndObject();
    } else if (node.isArray()) {
      g.writeStartArray();
      for (JsonNode item : node) {
        write(g, item);
      }
      g.writeEndArray();
    } else {
      // Scalars as the parser read them: decimals exact, without trailing zeros (Jackson's
      // default node factory), strings unescaped.
      g.writeTree(node);
    }
  }

  private static <T> List<T> iterable(Iterator<T> it) {
    List<T> out = new ArrayList<>();
    it.forEachRemaining(out::add);
    return out;
  }

  /** Length-prefixed parts, so that ("ab", "c") and ("a", "bc") digest differently. */
  private static final class Digest {
    private final MessageDigest sha;

    Digest() {
      try {
        sha = MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("every Java runtime has SHA-256", e);
      }
    }

    void part(String s) {
      part(s.getBytes(StandardCharsets.UTF_8));
    }

    void part(byte[] bytes) {
      sha.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
      sha.update((byte) ':');
      sha.update(bytes);
    }

    String hex() {
      return HexFormat.of().formatHex(sha.digest());
    }
  }
}
