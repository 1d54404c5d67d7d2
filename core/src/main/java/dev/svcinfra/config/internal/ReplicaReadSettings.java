package dev.svcinfra.config.internal;

import dev.svcinfra.config.Env;

/**
 * Whether the generated read routes of a web service ({@code GET} one row, list and search) run on
 * the read replica: {@code DB_READ_FROM_REPLICA=true|false}, default false (issue 20). Off, every
 * request runs on the primary, as before replicas carried traffic; on, those reads run in read-only
 * transactions served by {@code REPLICA_DB_URL} when one is configured, and a client that sends the
 * {@code X-Consistency-Token} of its last write still reads that write.
 *
 * <pre>{@code
 * boolean replicaReads = ReplicaReadSettings.from(Env.system()).readFromReplica();
 * }</pre>
 *
 * @since 0.2
 */
public record ReplicaReadSettings(boolean readFromReplica) {
  public static final String VARIABLE = "DB_READ_FROM_REPLICA";

  /** Off: reads stay on the primary. */
  public static ReplicaReadSettings defaults() {
    return new ReplicaReadSettings(false);
  }

  /**
   * From {@value #VARIABLE}; a value other than true/false (or 1/0, yes/no, on/off) is an {@code
   * invalid_setting} error naming the variable.
   */
  public static ReplicaReadSettings from(Env env) {
    return new ReplicaReadSettings(new SettingReader(env).bool(VARIABLE, false));
  }
}
