package dev.svcinfra.health;

import java.util.regex.Pattern;

/**
 * Keeps failure messages short and free of credentials. Checks build their own messages from masked
 * URLs; this is the safety net for text that comes from drivers and user lambdas, which may echo a
 * URL with its password.
 */
final class SecretMask {
  /** Longest message a check result carries; probes and dashboards want one line, not a dump. */
  static final int MAX_MESSAGE = 300;

  // scheme://user:password@host  ->  scheme://user:***@host
  private static final Pattern USERINFO_PASSWORD = Pattern.compile("(://[^\\s:/@]*:)[^\\s@/]+@");
  // password=secret, pwd=secret (JDBC URL parameters, key=value connection strings)
  private static final Pattern PASSWORD_PARAMETER =
      Pattern.compile("(?i)((?:password|pwd)=)[^&;\\s]+");

  private SecretMask() {}

  /** {@code text} with URL passwords masked, on one line, cut to {@link #MAX_MESSAGE}. */
  static String apply(String text) {
    String masked = USERINFO_PASSWORD.matcher(text).replaceAll("$1***@");
    masked = PASSWORD_PARAMETER.matcher(masked).replaceAll("$1***");
    masked = masked.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
    return masked.length() <= MAX_MESSAGE ? masked : masked.substring(0, MAX_MESSAGE - 3) + "...";
  }

  /** {@link #apply} after replacing every occurrence of a known secret. */
  static String apply(String text, String secret) {
    String replaced = secret == null || secret.isEmpty() ? text : text.replace(secret, "***");
    return apply(replaced);
  }
}
