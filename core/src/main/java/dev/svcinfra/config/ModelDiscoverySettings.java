package dev.svcinfra.config;

import dev.svcinfra.config.internal.SettingReader;
import java.util.Arrays;
import java.util.List;

/**
 * Where table models live: {@code ALEMBIC_DISCOVER_PACKAGES} (alias {@code
 * MIGRATIONS_DISCOVER_PACKAGES}), a comma- or space-separated list of Java packages that are
 * scanned, sub-packages included, for classes annotated {@code @Table}.
 *
 * <pre>{@code
 * ModelDiscoverySettings s = ModelDiscoverySettings.from(Env.system());
 * ModelRegistry models = ModelRegistry.discover(s);
 * }</pre>
 *
 * @since 0.1
 */
public record ModelDiscoverySettings(List<String> packages) {
  public static final String VARIABLE = "ALEMBIC_DISCOVER_PACKAGES";
  public static final String ALIAS = "MIGRATIONS_DISCOVER_PACKAGES";

  public ModelDiscoverySettings {
    packages = List.copyOf(packages);
    for (String p : packages) {
      if (!p.matches("[A-Za-z_$][A-Za-z0-9_$]*(\\.[A-Za-z_$][A-Za-z0-9_$]*)*")) {
        throw SettingReader.invalid(VARIABLE, p, "Java package names separated by commas");
      }
    }
  }

  /** Reads {@code ALEMBIC_DISCOVER_PACKAGES}, then its alias; none set means no packages. */
  public static ModelDiscoverySettings from(Env env) {
    String value = env.get(VARIABLE).or(() -> env.get(ALIAS)).orElse("");
    return of(Arrays.stream(value.split("[,\\s]+")).filter(s -> !s.isBlank()).toList());
  }

  public static ModelDiscoverySettings of(List<String> packages) {
    return new ModelDiscoverySettings(packages);
  }
}
