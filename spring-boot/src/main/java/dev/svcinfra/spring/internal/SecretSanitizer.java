package dev.svcinfra.spring.internal;

import java.util.Locale;
import java.util.Set;
import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;

/**
 * Masks the values that may carry database or cache credentials in {@code /actuator/env} and {@code
 * /actuator/configprops}, even where an application shows values ({@code
 * management.endpoint.env.show-values=always}): the {@code svc-infra.*} URLs, and the library's URL
 * and password variables as the process environment carries them.
 */
public final class SecretSanitizer implements SanitizingFunction {
  private static final Set<String> VARIABLES =
      Set.of(
          "sql_url",
          "db_url",
          "database_url",
          "database_url_private",
          "private_sql_url",
          "replica_db_url",
          "direct_url",
          "sql_direct_url",
          "db_password",
          "mongo_url",
          "redis_url");

  @Override
  public SanitizableData apply(SanitizableData data) {
    String key = data.getKey();
    if (key == null) {
      return data;
    }
    return secret(key.toLowerCase(Locale.ROOT)) ? data.withSanitizedValue() : data;
  }

  static boolean secret(String key) {
    if (key.startsWith("svc-infra.") || key.startsWith("svc_infra_")) {
      // Every URL and password of ours: svc-infra.url, svc-infra.replica-url,
      // svc-infra.health.redis-url, svc-infra.env.SQL_URL, SVC_INFRA_URL, ...
      return key.contains("url") || key.contains("password");
    }
    // SQL_URL, SQL_URL_FILE's contents never reach the environment; the file name is no secret.
    return VARIABLES.contains(key) || key.endsWith(".password");
  }
}
