package dev.svcinfra.sql.repo;

import dev.svcinfra.sql.FieldError;
import dev.svcinfra.sql.ValidationException;
import dev.svcinfra.sql.model.internal.MappedColumn;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * The position after the last row of a keyset slice: the sort column's value and the id, as
 * URL-safe base64 text. Decoding checks both values against their columns, so a forged cursor is a
 * validation error, not an SQL error.
 */
final class Cursor {
  private static final char SEPARATOR = '\u001f';

  private Cursor() {}

  static String encode(String orderColumn, Object sortValue, Object id) {
    String text = orderColumn + SEPARATOR + sortValue + SEPARATOR + id;
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  /** The sort value and id as Java values of their columns. */
  static Object[] decode(String cursor, MappedColumn order, MappedColumn id) {
    try {
      String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      String[] parts = text.split(String.valueOf(SEPARATOR), -1);
      if (parts.length != 3 || !parts[0].equals(order.name())) {
        throw new IllegalArgumentException("cursor of another ordering");
      }
      return new Object[] {order.coerce(parts[1]), id.coerce(parts[2])};
    } catch (IllegalArgumentException e) {
      throw new ValidationException(
          List.of(
              new FieldError(
                  "cursor", FieldError.INVALID_VALUE, "not a cursor of this list in this order")));
    }
  }
}
