package dev.svcinfra.config;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A read-only view of configuration variables: the process environment, a {@code .env} file, or a
 * map built in code (tests, embedding applications).
 *
 * <p>Values are trimmed and a blank value counts as unset, so {@code SQL_URL=" "} never hides the
 * next source in the resolution order.
 *
 * <pre>{@code
 * Env env = Env.system();                       // process variables, then ./.env
 * Env test = Env.of(Map.of("SQL_URL", "sqlite://"));
 * DatabaseSettings settings = DatabaseSettings.from(env);
 * }</pre>
 *
 * @since 0.1
 */
@FunctionalInterface
public interface Env {

  /** The raw value of {@code name} as stored, or {@code null}. */
  String raw(String name);

  /** The trimmed value of {@code name}; empty when unset or blank. */
  default Optional<String> get(String name) {
    String value = raw(name);
    if (value == null) {
      return Optional.empty();
    }
    String trimmed = value.trim();
    return trimmed.isEmpty() ? Optional.empty() : Optional.of(trimmed);
  }

  /** This environment, falling back to {@code other} for names this one leaves unset or blank. */
  default Env orElse(Env other) {
    return name -> get(name).isPresent() ? raw(name) : other.raw(name);
  }

  /** Variables from a map (copied). */
  static Env of(Map<String, String> values) {
    Map<String, String> copy = new LinkedHashMap<>(values);
    return copy::get;
  }

  /** No variables at all. */
  static Env empty() {
    return name -> null;
  }

  /**
   * The process environment, then the nearest {@code .env} file in the working directory or one of
   * its parents. Process variables win over the file, as with docker-compose and most dotenv
   * loaders.
   */
  static Env system() {
    Map<String, String> process = System.getenv();
    Env fromProcess = process::get;
    return DotEnvFile.findFrom(Path.of("").toAbsolutePath())
        .map(file -> fromProcess.orElse(file.asEnv()))
        .orElse(fromProcess);
  }
}
