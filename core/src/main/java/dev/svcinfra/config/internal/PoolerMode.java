package dev.svcinfra.config.internal;

import dev.svcinfra.config.ConfigException;
import java.util.Locale;

/**
 * How a connection pooler between the service and the database hands out server sessions ({@code
 * DB_POOLER}): {@link #NONE} (no pooler, the default), {@link #SESSION} (one server session per
 * client connection, for as long as it stays open) or {@link #TRANSACTION} (a server session only
 * for the length of one transaction: PgBouncer's {@code pool_mode = transaction}, the pooled
 * endpoints of Supabase, Neon and Heroku, RDS Proxy).
 *
 * <pre>{@code
 * PoolerMode mode = PoolerMode.parse("transaction");
 * mode.keepsSessions();   // false: nothing may rely on session state
 * }</pre>
 *
 * @since 0.2
 */
public enum PoolerMode {
  NONE,
  SESSION,
  TRANSACTION;

  /** The variable that selects the mode. */
  public static final String VARIABLE = "DB_POOLER";

  /**
   * Whether one server session stays with a client connection between transactions. Under {@link
   * #TRANSACTION} it does not: a session setting, a session lock or a server-side prepared
   * statement made in one transaction may be gone, or be another client's, in the next.
   */
  public boolean keepsSessions() {
    return this != TRANSACTION;
  }

  /** The value as {@code DB_POOLER} spells it. */
  public String settingValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Reads a {@code DB_POOLER} value, ignoring case.
   *
   * @throws ConfigException naming the variable, the value and the accepted values
   */
  public static PoolerMode parse(String value) {
    for (PoolerMode mode : values()) {
      if (mode.settingValue().equalsIgnoreCase(value.trim())) {
        return mode;
      }
    }
    throw SettingReader.invalid(VARIABLE, value, "transaction, session or none");
  }
}
