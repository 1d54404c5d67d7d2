package dev.svcinfra.sql.dialect;

import dev.svcinfra.sql.dialect.internal.SqlErrorKind;
import java.util.HashMap;
import java.util.Map;

/**
 * Builds a dialect's error classification table, one line per kind with all its vendor codes
 * ({@code .put(UNIQUE_VIOLATION, 1062, 1586, 1169)}), refusing a code listed twice so that a table
 * cannot silently map one code to two kinds.
 */
final class VendorCodes {
  private final Map<Integer, SqlErrorKind> kinds = new HashMap<>();

  VendorCodes put(SqlErrorKind kind, int... codes) {
    for (int code : codes) {
      SqlErrorKind previous = kinds.putIfAbsent(code, kind);
      if (previous != null) {
        throw new IllegalStateException(
            "vendor code " + code + " is listed as " + previous + " and as " + kind);
      }
    }
    return this;
  }

  Map<Integer, SqlErrorKind> build() {
    return Map.copyOf(kinds);
  }
}
