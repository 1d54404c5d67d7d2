package dev.svcinfra.migrate.internal.autogen;

import java.util.Locale;
import java.util.Optional;

/**
 * Whether a model default and a reflected default mean the same value. Databases hand defaults back
 * rewritten: PostgreSQL adds casts ({@code 'a'::character varying}), MariaDB quotes and MySQL does
 * not, DuckDB wraps them in {@code CAST}, booleans come back as {@code 1}/{@code 0}, {@code
 * CURRENT_TIMESTAMP} gains a precision; this compares what is left after undoing those spellings.
 */
final class DefaultValues {
  private DefaultValues() {}

  static boolean same(Optional<String> model, Optional<String> reflected) {
    return model.map(DefaultValues::normalize).equals(reflected.map(DefaultValues::normalize));
  }

  static String normalize(String sql) {
    String s = sql.strip().toLowerCase(Locale.ROOT);
    String before;
    do {
      before = s;
      s = s.replaceAll("::[a-z ]+(\\(\\d+(,\\s*\\d+)?\\))?(\\[\\])?$", "").strip();
      s = s.replaceAll("^cast\\((.*) as [a-z ]+(\\(\\d+(,\\s*\\d+)?\\))?\\)$", "$1").strip();
      if (s.startsWith("(") && s.endsWith(")")) {
        s = s.substring(1, s.length() - 1).strip();
      }
    } while (!s.equals(before));
    s = s.replaceAll("^(current_timestamp|now)(\\(\\d*\\))?$", "current_timestamp");
    if (s.length() >= 2 && s.startsWith("'") && s.endsWith("'")) {
      s = s.substring(1, s.length() - 1).replace("''", "'");
    }
    return switch (s) {
      case "true", "t" -> "1";
      case "false", "f" -> "0";
      default -> s;
    };
  }
}
