package dev.svcinfra.config.internal;

import dev.svcinfra.ErrorCode;
import dev.svcinfra.config.ConfigException;
import dev.svcinfra.config.Env;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Typed reads of single variables. A bad value fails here, naming the variable, the value and what
 * is accepted; values are never clamped into range.
 */
public final class SettingReader {
  private static final Set<String> TRUE = Set.of("true", "1", "yes", "on");
  private static final Set<String> FALSE = Set.of("false", "0", "no", "off");

  private final Env env;

  public SettingReader(Env env) {
    this.env = env;
  }

  public Optional<String> string(String name) {
    return env.get(name);
  }

  public int integer(String name, int defaultValue, int min, int max) {
    return optionalInteger(name, min, max).orElse(defaultValue);
  }

  public Optional<Integer> optionalInteger(String name, int min, int max) {
    Optional<String> value = env.get(name);
    if (value.isEmpty()) {
      return Optional.empty();
    }
    String v = value.get();
    long parsed;
    try {
      parsed = Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw invalid(name, v, "a whole number in " + min + ".." + max);
    }
    if (parsed < min || parsed > max) {
      throw invalid(name, v, "a whole number in " + min + ".." + max);
    }
    return Optional.of((int) parsed);
  }

  public boolean bool(String name, boolean defaultValue) {
    Optional<String> value = env.get(name);
    if (value.isEmpty()) {
      return defaultValue;
    }
    String v = value.get().toLowerCase(Locale.ROOT);
    if (TRUE.contains(v)) {
      return true;
    }
    if (FALSE.contains(v)) {
      return false;
    }
    throw invalid(name, value.get(), "true or false (also 1/0, yes/no, on/off)");
  }

  public static ConfigException invalid(String name, String value, String accepted) {
    return new ConfigException(
        ErrorCode.INVALID_SETTING, name + "='" + value + "' is not valid: expected " + accepted);
  }
}
