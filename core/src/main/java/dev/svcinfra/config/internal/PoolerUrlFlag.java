package dev.svcinfra.config.internal;

import dev.svcinfra.ErrorCode;
import dev.svcinfra.config.ConfigException;
import java.util.Locale;
import java.util.Optional;

/**
 * The URL flag {@code pgbouncer=true} (Prisma's spelling, also used by Supabase and Heroku guides):
 * it says the URL goes through a transaction pooler. The flag is taken out of the URL, because no
 * driver knows it, and turned into {@link PoolerMode#TRANSACTION}.
 */
public final class PoolerUrlFlag {
  private PoolerUrlFlag() {}

  /** Whether {@code url} says it goes through a transaction pooler; a bad value fails. */
  public static boolean says(ResolvedUrl url) {
    Optional<String> value = url.url().param(PoolerSettings.URL_FLAG);
    if (value.isEmpty()) {
      return false;
    }
    return switch (value.get().toLowerCase(Locale.ROOT)) {
      case "true", "1", "yes", "on" -> true;
      case "false", "0", "no", "off" -> false;
      default ->
          throw SettingReader.invalid(
              PoolerSettings.URL_FLAG + " in the URL from " + url.source(),
              value.get(),
              "true or false");
    };
  }

  /** {@code url} without the flag, so the driver never sees it. */
  public static ResolvedUrl strip(ResolvedUrl url) {
    if (url.url().param(PoolerSettings.URL_FLAG).isEmpty()) {
      return url;
    }
    return new ResolvedUrl(
        url.url().toBuilder().removeParam(PoolerSettings.URL_FLAG).build(), url.source());
  }

  /**
   * The pooler settings once a URL from {@code source} said {@code pgbouncer=true}: transaction
   * mode, unless {@code DB_POOLER} explicitly said session, which contradicts it.
   */
  public static PoolerSettings apply(PoolerSettings pooler, String source) {
    if (pooler.mode() == PoolerMode.SESSION) {
      throw new ConfigException(
          ErrorCode.INVALID_SETTING,
          "the URL from "
              + source
              + " carries "
              + PoolerSettings.URL_FLAG
              + "=true (transaction pooling) but "
              + PoolerMode.VARIABLE
              + "=session; remove one of them");
    }
    return pooler.withMode(PoolerMode.TRANSACTION);
  }
}
