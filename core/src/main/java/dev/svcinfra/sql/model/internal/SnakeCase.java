package dev.svcinfra.sql.model.internal;

import java.util.Locale;

/**
 * Java names to SQL names: {@code createdAt} to {@code created_at}, {@code HTTPLog} to {@code
 * http_log}.
 */
final class SnakeCase {
  private SnakeCase() {}

  static String of(String javaName) {
    StringBuilder out = new StringBuilder(javaName.length() + 4);
    for (int i = 0; i < javaName.length(); i++) {
      char c = javaName.charAt(i);
      if (Character.isUpperCase(c)) {
        boolean prevLower =
            i > 0
                && !Character.isUpperCase(javaName.charAt(i - 1))
                && javaName.charAt(i - 1) != '_';
        boolean nextLower =
            i + 1 < javaName.length() && Character.isLowerCase(javaName.charAt(i + 1));
        boolean prevUpper = i > 0 && Character.isUpperCase(javaName.charAt(i - 1));
        if (prevLower || (prevUpper && nextLower)) {
          out.append('_');
        }
        out.append(Character.toLowerCase(c));
      } else {
        out.append(c);
      }
    }
    return out.toString().toLowerCase(Locale.ROOT);
  }
}
