package dev.svcinfra.config.internal;

import dev.svcinfra.ErrorCode;
import dev.svcinfra.config.ConfigException;
import dev.svcinfra.config.DatabaseSettings;
import dev.svcinfra.config.DatabaseUrl;
import dev.svcinfra.config.Env;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The connection pooler in front of the database and the way around it: {@code DB_POOLER} ({@link
 * PoolerMode}, default {@code none}) and the direct URL ({@code SQL_DIRECT_URL}, else {@code
 * DIRECT_URL}, each with a {@code _FILE} companion) that migrations and anything else needing a
 * whole server session use instead of the pooled one, as Prisma's and Supabase's {@code directUrl}
 * do.
 *
 * <pre>{@code
 * PoolerSettings pooler = PoolerSettings.from(Env.system());
 * pooler.mode();     // TRANSACTION when DB_POOLER=transaction
 * pooler.direct();   // the DIRECT_URL, if set
 * }</pre>
 *
 * <p>The URL flag {@code pgbouncer=true}, which other ecosystems use for the same thing, is read by
 * {@link DatabaseSettings}: it means {@link PoolerMode#TRANSACTION}.
 *
 * @since 0.2
 */
public record PoolerSettings(PoolerMode mode, Optional<ResolvedUrl> direct) {
  /** The direct-URL variables in resolution order; each is followed by its {@code _FILE}. */
  public static final List<String> DIRECT_URL_VARIABLES = List.of("SQL_DIRECT_URL", "DIRECT_URL");

  /** The URL flag of Prisma and others that says "this URL goes through PgBouncer". */
  public static final String URL_FLAG = "pgbouncer";

  public PoolerSettings {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(direct, "direct");
    direct.ifPresent(
        d -> {
          if (d.url().param(URL_FLAG).filter(v -> !v.equalsIgnoreCase("false")).isPresent()) {
            throw new ConfigException(
                ErrorCode.INVALID_SETTING,
                d.source()
                    + " ("
                    + d.url()
                    + ") carries "
                    + URL_FLAG
                    + "=..., but the direct URL must reach the database itself, not the pooler");
          }
        });
  }

  /** No pooler and no direct URL. */
  public static PoolerSettings none() {
    return new PoolerSettings(PoolerMode.NONE, Optional.empty());
  }

  /** {@code DB_POOLER} and the direct URL from the environment. */
  public static PoolerSettings from(Env env) {
    PoolerMode mode = env.get(PoolerMode.VARIABLE).map(PoolerMode::parse).orElse(PoolerMode.NONE);
    Optional<ResolvedUrl> direct = Optional.empty();
    for (String variable : DIRECT_URL_VARIABLES) {
      direct = DatabaseUrlResolver.fromVariable(env, variable);
      if (direct.isPresent()) {
        break;
      }
    }
    return new PoolerSettings(mode, direct);
  }

  public PoolerSettings withMode(PoolerMode value) {
    return new PoolerSettings(value, direct);
  }

  /** These settings with the direct URL {@code url} given in code. */
  public PoolerSettings withDirect(String url) {
    return new PoolerSettings(
        mode, Optional.of(new ResolvedUrl(DatabaseUrl.parse(url), "code (direct URL)")));
  }

  /** Whether the pooled connections keep one server session between transactions. */
  public boolean keepsSessions() {
    return mode.keepsSessions();
  }

  /** The mode and the masked direct URL; never a password. */
  @Override
  public String toString() {
    return "PoolerSettings[mode="
        + mode.settingValue()
        + direct.map(d -> ", direct=" + d).orElse("")
        + "]";
  }
}
