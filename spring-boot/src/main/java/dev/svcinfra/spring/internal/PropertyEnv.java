package dev.svcinfra.spring.internal;

import dev.svcinfra.config.Env;
import dev.svcinfra.spring.SvcInfraProperties;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The variables the library reads, as a Spring application sees them: {@code svc-infra.*}
 * properties first, then the variables themselves (process environment, then {@code .env}).
 */
public final class PropertyEnv {
  private PropertyEnv() {}

  /** The variables {@code properties} set, by the library's names. */
  public static Map<String, String> variables(SvcInfraProperties properties) {
    Map<String, String> v = new LinkedHashMap<>(properties.getEnv());
    put(v, "SQL_URL", properties.getUrl());
    put(v, "REPLICA_DB_URL", properties.getReplicaUrl());
    put(v, "DB_CONNECT_TIMEOUT", properties.getConnectTimeout());
    put(v, "DB_STATEMENT_TIMEOUT_MS", properties.getStatementTimeoutMs());
    put(v, "DB_SSLMODE_DEFAULT", properties.getSslmodeDefault());
    SvcInfraProperties.Pool pool = properties.getPool();
    put(v, "DB_POOL_SIZE", pool.getSize());
    put(v, "DB_MAX_OVERFLOW", pool.getMaxOverflow());
    put(v, "DB_POOL_TIMEOUT", pool.getTimeout());
    put(v, "DB_POOL_RECYCLE", pool.getRecycle());
    put(v, "DB_POOL_PRE_PING", pool.getPrePing());
    SvcInfraProperties.Migrations migrations = properties.getMigrations();
    put(v, "ALEMBIC_SCRIPT_LOCATION", migrations.getScriptLocation());
    put(v, "ALEMBIC_LOCK_TIMEOUT", migrations.getLockTimeout());
    return v;
  }

  /** {@code properties} in front of {@code variables}. */
  public static Env of(SvcInfraProperties properties, Env variables) {
    return Env.of(variables(properties)).orElse(variables);
  }

  private static void put(Map<String, String> v, String name, Object value) {
    if (value != null) {
      v.put(name, value.toString());
    }
  }
}
