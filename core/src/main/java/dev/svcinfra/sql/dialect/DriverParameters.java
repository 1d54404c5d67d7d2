package dev.svcinfra.sql.dialect;

import java.util.Map;

/**
 * Places connection parameters where each driver reads them exactly as the user wrote them. A
 * parameter whose name and value hold only letters, digits and {@code - . _ ~ / : ,} reads the same
 * in every driver's URL syntax and stays in the JDBC URL, where it is easy to see. Any other
 * parameter travels as a driver property instead: drivers differ on percent-decoding (pgjdbc and
 * MySQL Connector/J decode URL values, MariaDB Connector/J and sqlite-jdbc do not), on {@code +}
 * and on the separators {@code = & ;}, so {@code sessionVariables=wait_timeout=100} once reached
 * MariaDB as {@code wait_timeout%3D100} (issue 16). Every driver this library uses takes any of its
 * URL options as a property too.
 */
final class DriverParameters {
  private static final String URL_SAFE = "-._~/:,";

  private DriverParameters() {}

  /**
   * Appends {@code first name=value sep name=value ...} for the URL-safe entries of {@code params}
   * and puts the others into {@code properties}.
   */
  static void place(
      StringBuilder jdbc,
      Map<String, String> params,
      char first,
      char separator,
      Map<String, String> properties) {
    char sep = first;
    for (Map.Entry<String, String> e : params.entrySet()) {
      if (urlSafe(e.getKey()) && urlSafe(e.getValue())) {
        jdbc.append(sep).append(e.getKey()).append('=').append(e.getValue());
        sep = separator;
      } else {
        properties.put(e.getKey(), e.getValue());
      }
    }
  }

  /** Whether {@code text} reads the same in every driver's URL syntax. */
  static boolean urlSafe(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
      if (!plain && URL_SAFE.indexOf(c) < 0) {
        return false;
      }
    }
    return true;
  }
}
