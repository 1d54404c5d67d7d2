package dev.svcinfra.cli;

import dev.svcinfra.ErrorCode;
import dev.svcinfra.config.ConfigException;
import dev.svcinfra.config.DatabaseSettings;
import dev.svcinfra.config.DatabaseUrl;
import dev.svcinfra.config.MigrationSettings;
import dev.svcinfra.config.internal.ResolvedUrl;
import dev.svcinfra.migrate.MigrationBuilder;
import dev.svcinfra.migrate.Migrations;
import dev.svcinfra.sql.Database;
import dev.svcinfra.sql.dialect.Dialect;
import dev.svcinfra.sql.dialect.Dialects;
import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options every migration command shares ({@code --database-url}, {@code --script-location},
 * {@code --config}, {@code --classpath}) and the one place they become a {@link Migrations}.
 */
final class MigrationOptions {
  @Mixin DatabaseOptions database;

  @Option(
      names = "--script-location",
      paramLabel = "DIR",
      description = "Migrations directory (default: the configuration's, else migrations).")
  Path scriptLocation;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "Migration configuration file; beats ALEMBIC_CONFIG.")
  Path config;

  @Option(
      names = "--classpath",
      paramLabel = "PATH",
      description =
          "Directories and jars (separated by : or ; as the platform does) holding "
              + "model classes and Java revisions.")
  String classpath;

  MigrationSettings settings(CliContext context) {
    return MigrationSettings.from(
        context.env(), Optional.ofNullable(config), Optional.ofNullable(scriptLocation));
  }

  /**
   * The database settings: {@code --database-url}, else the configuration's variable, else the
   * environment's resolution order.
   */
  DatabaseSettings databaseSettings(CliContext context, MigrationSettings settings) {
    if (database.databaseUrl == null && settings.databaseUrlVariable().isPresent()) {
      String variable = settings.databaseUrlVariable().get();
      String url =
          context
              .env()
              .get(variable)
              .orElseThrow(
                  () ->
                      new ConfigException(
                          ErrorCode.DATABASE_URL_MISSING,
                          "the migration configuration "
                              + settings.configFile().map(Path::toString).orElse("")
                              + " takes its database URL "
                              + "from "
                              + variable
                              + ", which is not set"));
      return DatabaseSettings.from(
          new ResolvedUrl(DatabaseUrl.parse(url), variable), context.env());
    }
    return database.settings(context);
  }

  /**
   * Migrations on the database (connected before it returns, so a refused connection or a rejected
   * login fails at once; close it after use), with the small pool a one-off command needs ({@link
   * Migrations#openDatabase}), not the service's whole pool.
   */
  Session open(CliContext context) {
    MigrationSettings settings = settings(context);
    Database db = Migrations.openDatabase(databaseSettings(context, settings));
    try {
      db.checkConnection();
      return new Session(db, builder(settings).database(db).build());
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
  }

  /**
   * Migrations that render offline: for {@code dialect} when given, else for the URL's dialect
   * (resolved without connecting).
   */
  Migrations offline(CliContext context, String dialect) {
    MigrationSettings settings = settings(context);
    Dialect d =
        dialect != null
            ? Dialects.byName(dialect)
            : Dialects.forUrl(databaseSettings(context, settings).primary().url());
    return builder(settings).dialect(d).build();
  }

  /** Migrations that only read and write revision files. */
  Migrations files(CliContext context) {
    return builder(settings(context)).build();
  }

  private MigrationBuilder builder(MigrationSettings settings) {
    ClassLoader loader = classLoader();
    return Migrations.builder()
        .settings(settings)
        .javaRevisionsFrom(loader)
        .modelClassLoader(loader);
  }

  /** A loader over {@code --classpath}; the CLI's own loader when none is given. */
  ClassLoader classLoader() {
    ClassLoader parent = MigrationOptions.class.getClassLoader();
    if (classpath == null || classpath.isBlank()) {
      return parent;
    }
    List<URL> urls = new ArrayList<>();
    for (String entry : classpath.split(File.pathSeparator, -1)) {
      if (entry.isBlank()) {
        continue;
      }
      Path p = Path.of(entry);
      if (!Files.exists(p)) {
        throw new ConfigException(
            ErrorCode.INVALID_SETTING, "--classpath entry " + entry + " does not exist");
      }
      try {
        urls.add(p.toUri().toURL());
      } catch (MalformedURLException e) {
        throw new ConfigException(
            ErrorCode.INVALID_SETTING, "--classpath entry " + entry + " is not a valid path", e);
      }
    }
    return new URLClassLoader(urls.toArray(URL[]::new), parent);
  }

  /** An open database and the migrations on it. */
  record Session(Database database, Migrations migrations) implements AutoCloseable {
    @Override
    public void close() {
      database.close();
    }
  }
}
