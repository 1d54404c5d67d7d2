package dev.svcinfra.config.internal;

import dev.svcinfra.config.DatabaseUrl;
import java.util.Objects;

/**
 * A database URL together with where it came from ({@code SQL_URL}, {@code DATABASE_URL_FILE
 * (/run/secrets/db)}, {@code DB_* parts}, ...), so {@code svc-infra sql url} and start-up logs can
 * say which source won.
 *
 * @since 0.1
 */
public record ResolvedUrl(DatabaseUrl url, String source) {
  public ResolvedUrl {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(source, "source");
  }

  /** Masked URL and source; never the password. */
  @Override
  public String toString() {
    return url + " (from " + source + ")";
  }
}
