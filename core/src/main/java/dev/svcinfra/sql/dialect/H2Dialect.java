package dev.svcinfra.sql.dialect;

import dev.svcinfra.config.DatabaseUrl;
import dev.svcinfra.sql.dialect.internal.ClassifiedError;
import dev.svcinfra.sql.dialect.internal.ConnectionOptions;
import dev.svcinfra.sql.dialect.internal.ConnectionTarget;
import dev.svcinfra.sql.dialect.internal.SqlErrorKind;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * H2, for tests and demos only: {@code jdbc:h2:mem:name;DB_CLOSE_DELAY=-1}. The database part of
 * the URL is passed to the driver unchanged.
 *
 * @since 0.1
 */
final class H2Dialect extends StandardDialect {
  H2Dialect() {
    super("h2", Set.of("h2"));
  }

  @Override
  public String driverClassName() {
    return "org.h2.Driver";
  }

  @Override
  public String driverArtifact() {
    return "com.h2database:h2";
  }

  @Override
  public boolean isEmbedded() {
    return true;
  }

  /**
   * H2 error codes by which a session is gone (H2 reports them as SQLState and vendor code): 90067
   * CONNECTION_BROKEN_1, 90098 DATABASE_IS_CLOSED, 90121 DATABASE_CALLED_AT_SHUTDOWN; "unavailable"
   * like every dialect's lost connection (issue 16).
   */
  private static final Set<Integer> SESSION_LOST = Set.of(90067, 90098, 90121);

  @Override
  public ClassifiedError classify(SQLException e) {
    return SESSION_LOST.contains(e.getErrorCode())
        ? ClassifiedError.of(SqlErrorKind.CONNECTION_FAILURE)
        : super.classify(e);
  }

  @Override
  public ConnectionTarget connectionTarget(DatabaseUrl url, ConnectionOptions options) {
    StringBuilder jdbc = new StringBuilder("jdbc:h2:").append(url.database().orElse("mem:"));
    Map<String, String> params = new LinkedHashMap<>();
    url.user().ifPresent(u -> params.put("USER", u));
    params.putAll(url.params());
    Map<String, String> properties = passwordProperty(url);
    DriverParameters.place(jdbc, params, ';', ';', properties);
    return new ConnectionTarget(jdbc.toString(), driverClassName(), properties);
  }

  /** No: H2 indexes every row, so a live-rows-only index is refused ({@link #liveRowsClause}). */
  @Override
  boolean partialIndexes() {
    return false;
  }
}
