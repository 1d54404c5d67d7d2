package dev.svcinfra.migrate.script;

import java.sql.Connection;

/**
 * What a revision runs against: the statement sink of the current step (which executes online or
 * writes SQL offline), the dialect's name and, online only, the connection of the step's
 * transaction.
 *
 * <pre>{@code
 * public void upgrade(MigrationStep step) {
 *   step.execute("UPDATE users SET email = lower(email)");
 * }
 * }</pre>
 *
 * @since 0.1
 */
public interface MigrationStep {

  /** The dialect's canonical name ({@code postgresql}, {@code sqlite}, ...). */
  String dialect();

  /** Runs (online) or writes (offline) one statement. */
  void execute(String sql);

  /** Whether statements are only written, not run. */
  boolean offline();

  /**
   * The connection of the current step, for data migrations that read before they write.
   *
   * @throws dev.svcinfra.migrate.MigrationException offline, where there is no connection
   */
  Connection connection();
}
