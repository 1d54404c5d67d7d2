package dev.svcinfra.sql.dialect.internal;

import dev.svcinfra.config.DatabaseUrl;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Where and how a pool connects: the JDBC URL (never holding the password), the driver class, and
 * the driver properties (holding the password). {@link #toString()} masks the password.
 *
 * @since 0.1
 */
public record ConnectionTarget(
    String jdbcUrl, String driverClassName, Map<String, String> properties) {
  public static final String PASSWORD = "password";

  public ConnectionTarget {
    properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
  }

  /** The properties as {@link Properties}, for {@code Driver.connect} and HikariCP. */
  public Properties toProperties() {
    Properties p = new Properties();
    p.putAll(properties);
    return p;
  }

  @Override
  public String toString() {
    Map<String, String> shown = new LinkedHashMap<>(properties);
    shown.computeIfPresent(PASSWORD, (k, v) -> DatabaseUrl.MASK);
    return "ConnectionTarget[" + jdbcUrl + ", " + driverClassName + ", " + shown + "]";
  }
}
