package dev.svcinfra.sql.repo;

import dev.svcinfra.sql.model.internal.MappedColumn;
import dev.svcinfra.sql.model.internal.TableMapping;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/**
 * The tag of a stored row, which changes whenever the row does (issue 16, lost updates): the value
 * of the model's {@code @Version} column when it has one, otherwise a SHA-256 hash of every
 * column's value as read back from the database, cut to 128 bits and written in base64url (22
 * characters). The hash covers columns a resource may hide, so any change of the row changes it;
 * values are framed with their length so no two rows share an encoding.
 */
final class RowTag {
  private static final int HASH_BYTES = 16;

  private RowTag() {}

  static <T> String of(TableMapping<T> mapping, T row) {
    MappedColumn version = mapping.version().orElse(null);
    if (version != null) {
      Object v = version.get(row);
      return v == null ? "0" : v.toString();
    }
    StringBuilder text = new StringBuilder(128);
    for (MappedColumn c : mapping.columns()) {
      text.append(c.name()).append('=');
      encode(text, c.get(row));
    }
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
    byte[] digest = sha.digest(text.toString().getBytes(StandardCharsets.UTF_8));
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(Arrays.copyOf(digest, HASH_BYTES));
  }

  /**
   * A value as text with a type letter and its length; JSON objects with their keys sorted, so a
   * database that reorders keys (PostgreSQL's jsonb) still gives one encoding per document.
   */
  private static void encode(StringBuilder out, Object value) {
    if (value == null) {
      out.append("N;");
      return;
    }
    String text;
    char type;
    if (value instanceof byte[] bytes) {
      type = 'B';
      text = Base64.getEncoder().encodeToString(bytes);
    } else if (value instanceof Map<?, ?> map) {
      StringBuilder inner = new StringBuilder();
      Map<String, Object> sorted = new TreeMap<>();
      map.forEach((k, v) -> sorted.put(String.valueOf(k), v));
      sorted.forEach(
          (k, v) -> {
            encode(inner, k);
            encode(inner, v);
          });
      type = 'M';
      text = inner.toString();
    } else if (value instanceof Collection<?> list) {
      StringBuilder inner = new StringBuilder();
      list.forEach(v -> encode(inner, v));
      type = 'L';
      text = inner.toString();
    } else {
      type = 'V';
      text = value.toString();
    }
    out.append(type).append(text.length()).append(':').append(text).append(';');
  }
}
