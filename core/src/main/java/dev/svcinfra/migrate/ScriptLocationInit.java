package dev.svcinfra.migrate;

import dev.svcinfra.ErrorCode;
import dev.svcinfra.config.MigrationSettings;
import dev.svcinfra.migrate.internal.script.ClasspathLocation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code sql init}: creates the script location with {@code versions/} and a configuration file. An
 * existing configuration is kept unless {@code overwrite}; revision files are never touched.
 */
final class ScriptLocationInit {
  private ScriptLocationInit() {}

  static Path create(MigrationSettings settings, boolean overwrite) {
    Path location = settings.scriptLocation();
    if (ClasspathLocation.isClasspath(location)) {
      throw new MigrationException(
          ErrorCode.SCRIPT_LOCATION,
          location
              + " is read-only: init creates a directory (e.g. src/main/resources/migrations), "
              + "which the application then reads as classpath:migrations");
    }
    Path config =
        settings.configFile().orElse(location.resolve(MigrationSettings.DEFAULT_CONFIG_NAME));
    if (Files.exists(config) && !overwrite) {
      throw new MigrationException(
          ErrorCode.SCRIPT_LOCATION,
          config
              + " already exists;"
              + " pass --overwrite to replace the configuration (revision files are kept)");
    }
    try {
      Files.createDirectories(location.resolve("versions"));
      Path parent = config.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Path relative = relativeLocation(config, location);
      MigrationSettings written =
          new MigrationSettings(
              settings.configFile(),
              relative,
              settings.discoverPackages(),
              settings.includeSchemas(),
              settings.skipDrops(),
              settings.versionTable(),
              settings.lockTimeout(),
              settings.databaseUrlVariable(),
              settings.dialects(),
              settings.includeTables(),
              settings.excludeTables());
      Files.writeString(config, written.toFileText(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new MigrationException(
          ErrorCode.SCRIPT_LOCATION, "cannot create " + location + ": " + e.getMessage(), e);
    }
    return config;
  }

  /** The location as the configuration file reads it back (relative to the project root). */
  private static Path relativeLocation(Path config, Path location) {
    if (!location.isAbsolute()) {
      return location;
    }
    Path dir = config.toAbsolutePath().getParent();
    Path root = dir.equals(location.toAbsolutePath()) ? dir.getParent() : dir;
    return root.relativize(location.toAbsolutePath());
  }
}
