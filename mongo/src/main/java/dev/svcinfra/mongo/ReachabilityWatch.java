package dev.svcinfra.mongo;

import com.mongodb.MongoSecurityException;
import com.mongodb.MongoSocketOpenException;
import com.mongodb.connection.ClusterDescription;
import com.mongodb.connection.ServerDescription;
import com.mongodb.event.ClusterDescriptionChangedEvent;
import com.mongodb.event.ClusterListener;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * Follows the driver's view of the cluster so that a ping can give up as soon as every server has
 * refused a connection. The driver itself keeps selecting a server for the whole selection timeout
 * even when the only host refused at once (issue 19: {@code mongo ping} took 9.4 s to fail on a
 * closed port, where {@code psql} fails at once).
 */
final class ReachabilityWatch implements ClusterListener {
  private volatile ClusterDescription latest;

  @Override
  public void clusterDescriptionChanged(ClusterDescriptionChangedEvent event) {
    latest = event.getNewDescription();
  }

  /** Why no server can be reached now, when every known server failed its last connection. */
  Optional<String> unreachable() {
    ClusterDescription d = latest;
    if (d == null || d.getServerDescriptions().isEmpty()) {
      return Optional.empty();
    }
    List<ServerDescription> servers = d.getServerDescriptions();
    if (servers.stream().anyMatch(s -> s.getException() == null)) {
      return Optional.empty();
    }
    return Optional.of(
        String.join(
            "; ",
            servers.stream()
                .map(s -> s.getAddress() + ": " + describe(s.getException()))
                .distinct()
                .toList()));
  }

  /**
   * A short reason in our words. Driver messages are not shown: some list the whole cluster or
   * quote the connection string.
   */
  static String describe(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ConnectException) {
        return "connection refused";
      }
      if (t instanceof UnknownHostException) {
        return "unknown host";
      }
      if (t instanceof SocketTimeoutException) {
        return "connect timed out";
      }
      if (t instanceof MongoSecurityException) {
        return "authentication failed (check the user, password and authSource)";
      }
      if (t instanceof SSLException) {
        return "TLS handshake failed (" + t.getClass().getSimpleName() + ")";
      }
    }
    return e instanceof MongoSocketOpenException
        ? "cannot open a connection"
        : e.getClass().getSimpleName();
  }
}
