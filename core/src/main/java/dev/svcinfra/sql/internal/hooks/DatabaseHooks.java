package dev.svcinfra.sql.internal.hooks;

import com.zaxxer.hikari.metrics.MetricsTrackerFactory;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a framework that opens a database changes about it.
 *
 * @param poolPrefix the start of every pool's name ({@code <prefix>-primary}, {@code
 *     <prefix>-replica}, {@code <prefix>-replica-2}, ...), which logs and the {@code pool} tag of
 *     the pool metrics carry: distinct per database when an application opens several
 * @param metrics where the pools report their metrics; null for the default (Micrometer's global
 *     registry when Micrometer is on the classpath)
 * @param transactions the framework's transaction on this thread, which svc-infra's transactions
 *     join; null when there is none to join
 */
public record DatabaseHooks(
    String poolPrefix, MetricsTrackerFactory metrics, ExternalTransactions transactions) {

  /** The prefix of a database opened without hooks: pools {@code svc-infra-primary}, ... */
  public static final String DEFAULT_POOL_PREFIX = "svc-infra";

  private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,62}");

  public DatabaseHooks {
    Objects.requireNonNull(poolPrefix, "poolPrefix");
    if (!PREFIX.matcher(poolPrefix).matches()) {
      // Pool names end up in JMX object names, thread names and metric tags.
      throw new IllegalArgumentException(
          "a pool name prefix is 1 to 63 letters, digits, '_', '.' or '-', starting with a letter"
              + " or digit; got '"
              + poolPrefix
              + "'");
    }
  }

  /** No hooks: the pools, metrics and transactions of {@code Database.open}. */
  public static DatabaseHooks none() {
    return new DatabaseHooks(DEFAULT_POOL_PREFIX, null, null);
  }

  /** The name of the primary's pool. */
  public String primaryPoolName() {
    return poolPrefix + "-primary";
  }

  /** The name of the pool of the replica at {@code index} (0 for the first) in the replica URL. */
  public String replicaPoolName(int index) {
    return index == 0 ? poolPrefix + "-replica" : poolPrefix + "-replica-" + (index + 1);
  }
}
