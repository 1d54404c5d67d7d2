package dev.svcinfra.spring;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code svc-infra.*} properties. Each database setting stands for one of the library's
 * variables (docs/configuration.md) and, when set, beats that variable: {@code svc-infra.url} beats
 * the whole {@code SQL_URL} ... {@code DB_*} chain. Values are handed to the library as they are,
 * so a bad one fails with the library's own message, which names the variable.
 *
 * <pre>{@code
 * svc-infra:
 *   url: postgresql://app@db:5432/app     # SQL_URL
 *   pool:
 *     size: 20                            # DB_POOL_SIZE
 *   migrations:
 *     script-location: classpath:migrations
 * }</pre>
 *
 * @since 0.5
 */
@ConfigurationProperties(prefix = "svc-infra")
public class SvcInfraProperties {

  /** Whether the starter provides the database at all. */
  private boolean enabled = true;

  /** {@code SQL_URL}: the primary's URL, any form the library accepts. Masked by Actuator. */
  private String url;

  /** {@code REPLICA_DB_URL}: the read replica's URL. Masked by Actuator. */
  private String replicaUrl;

  /** The start of the pools' names ({@code <name>-primary}, {@code <name>-replica}). */
  private String poolName = "svc-infra";

  /** {@code DB_CONNECT_TIMEOUT}: seconds to wait for a new connection. */
  private Integer connectTimeout;

  /** {@code DB_STATEMENT_TIMEOUT_MS}: the default statement timeout of every transaction. */
  private Integer statementTimeoutMs;

  /** {@code DB_SSLMODE_DEFAULT}: PostgreSQL's sslmode when the URL names none. */
  private String sslmodeDefault;

  private final Pool pool = new Pool();
  private final Migrations migrations = new Migrations();
  private final Health health = new Health();

  /**
   * Any further library variable by its own name ({@code svc-infra.env.DB_REPLICA_MAX_LAG=10}),
   * beating the process environment like the properties above.
   */
  private final Map<String, String> env = new LinkedHashMap<>();

  public boolean isEnabled() {
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  public String getUrl() {
    return url;
  }

  public void setUrl(String url) {
    this.url = url;
  }

  public String getReplicaUrl() {
    return replicaUrl;
  }

  public void setReplicaUrl(String replicaUrl) {
    this.replicaUrl = replicaUrl;
  }

  public String getPoolName() {
    return poolName;
  }

  public void setPoolName(String poolName) {
    this.poolName = poolName;
  }

  public Integer getConnectTimeout() {
    return connectTimeout;
  }

  public void setConnectTimeout(Integer connectTimeout) {
    this.connectTimeout = connectTimeout;
  }

  public Integer getStatementTimeoutMs() {
    return statementTimeoutMs;
  }

  public void setStatementTimeoutMs(Integer statementTimeoutMs) {
    this.statementTimeoutMs = statementTimeoutMs;
  }

  public String getSslmodeDefault() {
    return sslmodeDefault;
  }

  public void setSslmodeDefault(String sslmodeDefault) {
    this.sslmodeDefault = sslmodeDefault;
  }

  public Pool getPool() {
    return pool;
  }

  public Migrations getMigrations() {
    return migrations;
  }

  public Map<String, String> getEnv() {
    return env;
  }

  public Health getHealth() {
    return health;
  }

  /** Health indicators beside the database's. */
  public static class Health {
    /** A Redis server to check ({@code redis} indicator); none when unset. Masked by Actuator. */
    private String redisUrl;

    /** How long the {@code mongo} indicator waits for the server. */
    private Duration mongoTimeout = Duration.ofSeconds(2);

    private final Backups backups = new Backups();

    public String getRedisUrl() {
      return redisUrl;
    }

    public void setRedisUrl(String redisUrl) {
      this.redisUrl = redisUrl;
    }

    public Duration getMongoTimeout() {
      return mongoTimeout;
    }

    public void setMongoTimeout(Duration mongoTimeout) {
      this.mongoTimeout = mongoTimeout;
    }

    public Backups getBackups() {
      return backups;
    }
  }

  /** The {@code backups} indicator: the age of the newest backup in a directory. */
  public static class Backups {
    /** The directory backups are written to; no indicator when unset. */
    private Path directory;

    /** Degraded once the newest backup is older than this. */
    private Duration warnAfter = Duration.ofHours(26);

    /** Down once the newest backup is older than this. */
    private Duration maxAge = Duration.ofHours(50);

    public Path getDirectory() {
      return directory;
    }

    public void setDirectory(Path directory) {
      this.directory = directory;
    }

    public Duration getWarnAfter() {
      return warnAfter;
    }

    public void setWarnAfter(Duration warnAfter) {
      this.warnAfter = warnAfter;
    }

    public Duration getMaxAge() {
      return maxAge;
    }

    public void setMaxAge(Duration maxAge) {
      this.maxAge = maxAge;
    }
  }

  /** The pool: {@code DB_POOL_*} and {@code DB_MAX_OVERFLOW}. */
  public static class Pool {
    /** {@code DB_POOL_SIZE}: connections kept open. */
    private Integer size;

    /** {@code DB_MAX_OVERFLOW}: connections opened above the size under load. */
    private Integer maxOverflow;

    /** {@code DB_POOL_TIMEOUT}: seconds a borrower waits for a connection. */
    private Integer timeout;

    /** {@code DB_POOL_RECYCLE}: seconds after which a connection is replaced (0: never). */
    private Integer recycle;

    /** {@code DB_POOL_PRE_PING}: keepalive checks of idle connections. */
    private Boolean prePing;

    public Integer getSize() {
      return size;
    }

    public void setSize(Integer size) {
      this.size = size;
    }

    public Integer getMaxOverflow() {
      return maxOverflow;
    }

    public void setMaxOverflow(Integer maxOverflow) {
      this.maxOverflow = maxOverflow;
    }

    public Integer getTimeout() {
      return timeout;
    }

    public void setTimeout(Integer timeout) {
      this.timeout = timeout;
    }

    public Integer getRecycle() {
      return recycle;
    }

    public void setRecycle(Integer recycle) {
      this.recycle = recycle;
    }

    public Boolean getPrePing() {
      return prePing;
    }

    public void setPrePing(Boolean prePing) {
      this.prePing = prePing;
    }
  }

  /** Migrations at start-up. */
  public static class Migrations {
    /** Whether the application upgrades its database to head before it starts serving. */
    private boolean enabled = true;

    /**
     * {@code ALEMBIC_SCRIPT_LOCATION}: where the revisions are, a directory or {@code
     * classpath:...}. When unset and the environment names none, {@code classpath:migrations}, and
     * an application without that directory starts without migrating.
     */
    private String scriptLocation;

    /** {@code ALEMBIC_LOCK_TIMEOUT}: seconds to wait for another instance's migration lock. */
    private Integer lockTimeout;

    /**
     * Whether svc-infra's migrations replace Flyway's auto-configuration when Flyway is on the
     * classpath too. Without it, Flyway migrates and svc-infra does not.
     */
    private boolean replaceFlyway;

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    public String getScriptLocation() {
      return scriptLocation;
    }

    public void setScriptLocation(String scriptLocation) {
      this.scriptLocation = scriptLocation;
    }

    public Integer getLockTimeout() {
      return lockTimeout;
    }

    public void setLockTimeout(Integer lockTimeout) {
      this.lockTimeout = lockTimeout;
    }

    public boolean isReplaceFlyway() {
      return replaceFlyway;
    }

    public void setReplaceFlyway(boolean replaceFlyway) {
      this.replaceFlyway = replaceFlyway;
    }
  }
}
