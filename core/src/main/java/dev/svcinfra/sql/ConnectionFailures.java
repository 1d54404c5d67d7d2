package dev.svcinfra.sql;

import dev.svcinfra.config.DatabaseUrl;
import dev.svcinfra.config.internal.ResolvedUrl;
import dev.svcinfra.sql.dialect.Dialect;
import dev.svcinfra.sql.dialect.internal.ConnectionTarget;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Says why a connection could not be had: the server (password masked), the driver's own reason and
 * SQLState from under HikariCP's wrapping, and the dialect's hint for the usual cause.
 */
final class ConnectionFailures {
  private ConnectionFailures() {}

  /** Wraps a connection failure into a message naming the server, with the password scrubbed. */
  static DatabaseUnavailableException unavailable(
      SQLException e, ResolvedUrl url, Dialect dialect, ConnectionTarget target) {
    SQLException root = rootSqlException(e);
    StringBuilder message =
        new StringBuilder("cannot connect to ")
            .append(dialect.displayUrl(url.url(), true))
            .append(": ")
            .append(scrub(reason(e, root), url));
    if (root.getSQLState() != null) {
      message.append(" [SQLState ").append(root.getSQLState()).append(']');
    }
    dialect.connectionHint(root, target).ifPresent(h -> message.append("; ").append(h));
    return new DatabaseUnavailableException(message.toString(), root);
  }

  /** HikariCP wraps the driver's failure; the driver's own exception carries the useful state. */
  private static SQLException rootSqlException(SQLException e) {
    SQLException best = e;
    for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
      if (t instanceof SQLException s && s.getSQLState() != null) {
        best = s;
      }
    }
    return best;
  }

  /**
   * The driver's reason when it gave an SQLException, else the deepest cause's message (a socket
   * error, say), else HikariCP's own (which describes the pool state on a plain timeout).
   */
  private static String reason(SQLException e, SQLException root) {
    if (root != e && root.getMessage() != null) {
      return root.getMessage();
    }
    Throwable deepest = e;
    while (deepest.getCause() != null && deepest.getCause() != deepest) {
      deepest = deepest.getCause();
    }
    if (deepest != e && deepest.getMessage() != null) {
      return deepest.getMessage();
    }
    return e.getMessage() == null ? e.toString() : e.getMessage();
  }

  private static String scrub(String text, ResolvedUrl url) {
    Optional<String> password = url.url().password().filter(p -> !p.isEmpty());
    return password.map(p -> text.replace(p, DatabaseUrl.MASK)).orElse(text);
  }
}
