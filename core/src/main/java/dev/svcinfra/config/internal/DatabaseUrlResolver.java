package dev.svcinfra.config.internal;

import dev.svcinfra.ErrorCode;
import dev.svcinfra.config.ConfigException;
import dev.svcinfra.config.DatabaseUrl;
import dev.svcinfra.config.Env;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the database URL the way Heroku, Railway, Docker and Kubernetes hand it out. First hit
 * wins:
 *
 * <ol>
 *   <li>{@code SQL_URL}, {@code SQL_URL_FILE}, {@code DB_URL}, {@code DB_URL_FILE}, {@code
 *       DATABASE_URL}, {@code DATABASE_URL_FILE}, {@code DATABASE_URL_PRIVATE}, {@code
 *       DATABASE_URL_PRIVATE_FILE}, {@code PRIVATE_SQL_URL}, {@code PRIVATE_SQL_URL_FILE};
 *   <li>the secret file {@code database_url} in {@code /run/secrets} (or {@code
 *       SVC_INFRA_SECRETS_DIR});
 *   <li>composed from {@code DB_*} parts.
 * </ol>
 *
 * <p>A variable's value may itself point to a file ({@code file:/path}, or an absolute path to an
 * existing non-empty file). A {@code *_FILE} variable naming a missing or empty file is an error,
 * not a reason to fall through to the next source.
 *
 * <pre>{@code
 * ResolvedUrl resolved = DatabaseUrlResolver.resolve(Env.system());
 * log.info("database {}", resolved);   // masked URL and its source
 * }</pre>
 *
 * @since 0.1
 */
public final class DatabaseUrlResolver {
  /** The URL variables in resolution order; each is followed by its {@code _FILE} companion. */
  public static final List<String> URL_VARIABLES =
      List.of("SQL_URL", "DB_URL", "DATABASE_URL", "DATABASE_URL_PRIVATE", "PRIVATE_SQL_URL");

  /** Overrides the directory holding Docker/Kubernetes secret files. */
  public static final String SECRETS_DIR_VARIABLE = "SVC_INFRA_SECRETS_DIR";

  /** Where Docker and Kubernetes mount secrets by default. */
  public static final String DEFAULT_SECRETS_DIR = "/run/secrets";

  /** The secret file name holding the URL. */
  public static final String SECRET_FILE_NAME = "database_url";

  private DatabaseUrlResolver() {}

  /**
   * The database URL from {@code env}.
   *
   * @throws ConfigException {@code database_url_missing} listing every place looked at, or an
   *     invalid-value error naming the variable
   */
  public static ResolvedUrl resolve(Env env) {
    return find(env)
        .orElseThrow(
            () ->
                new ConfigException(
                    ErrorCode.DATABASE_URL_MISSING,
                    "No database URL is configured. Looked at: "
                        + String.join(", ", placesLooked(env))
                        + ". Set SQL_URL (for example postgresql://user:password@localhost:5432/app or "
                        + "sqlite:///data/app.db) or pass --database-url."));
  }

  /** The database URL from {@code env}, or empty when no source has one. */
  public static Optional<ResolvedUrl> find(Env env) {
    for (String variable : URL_VARIABLES) {
      Optional<ResolvedUrl> found = fromVariable(env, variable);
      if (found.isPresent()) {
        return found;
      }
    }
    Path secret = secretsDir(env).resolve(SECRET_FILE_NAME);
    Optional<String> fromSecret = ValueFiles.readIfPresent(secret);
    if (fromSecret.isPresent()) {
      return Optional.of(
          new ResolvedUrl(
              parse(fromSecret.get(), "secret file " + secret), "secret file " + secret));
    }
    return UrlFromParts.compose(env).map(url -> new ResolvedUrl(url, UrlFromParts.SOURCE));
  }

  /**
   * The URL in {@code variable} or, failing that, in the file named by {@code variable_FILE}. Used
   * for the primary URL variables and for {@code REPLICA_DB_URL}.
   */
  public static Optional<ResolvedUrl> fromVariable(Env env, String variable) {
    Optional<String> direct = env.get(variable);
    if (direct.isPresent()) {
      String value = direct.get();
      Optional<Path> pointer = ValueFiles.pointer(value);
      if (pointer.isPresent()) {
        String source = variable + " (file " + pointer.get() + ")";
        return Optional.of(
            new ResolvedUrl(
                parse(ValueFiles.readRequired(pointer.get(), variable), source), source));
      }
      return Optional.of(new ResolvedUrl(parse(value, variable), variable));
    }
    String fileVariable = variable + "_FILE";
    Optional<String> file = env.get(fileVariable);
    if (file.isPresent()) {
      Path path = ValueFiles.pointer(file.get()).orElse(Path.of(file.get()));
      String source = fileVariable + " (" + path + ")";
      return Optional.of(
          new ResolvedUrl(parse(ValueFiles.readRequired(path, fileVariable), source), source));
    }
    return Optional.empty();
  }

  /** The secrets directory: {@code SVC_INFRA_SECRETS_DIR} or {@code /run/secrets}. */
  public static Path secretsDir(Env env) {
    return Path.of(env.get(SECRETS_DIR_VARIABLE).orElse(DEFAULT_SECRETS_DIR));
  }

  /** Every place {@link #find} consults, in order, for messages and {@code --help}. */
  public static List<String> placesLooked(Env env) {
    List<String> places = new ArrayList<>();
    for (String variable : URL_VARIABLES) {
      places.add(variable);
      places.add(variable + "_FILE");
    }
    places.add("secret file " + secretsDir(env).resolve(SECRET_FILE_NAME));
    places.add("DB_* parts (DB_HOST or DB_NAME)");
    return places;
  }

  /** Parses a found value, naming its source in the error (the message masks the password). */
  private static DatabaseUrl parse(String value, String source) {
    try {
      return DatabaseUrl.parse(value);
    } catch (ConfigException e) {
      throw new ConfigException(e.code(), source + ": " + e.getMessage());
    }
  }
}
