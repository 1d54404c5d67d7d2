package dev.svcinfra.config;

import dev.svcinfra.ErrorCode;
import dev.svcinfra.config.internal.SettingReader;
import dev.svcinfra.sql.dialect.Dialect;
import dev.svcinfra.sql.dialect.Dialects;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Migration settings: where revision files live, which packages hold models, which schemas
 * autogenerate compares, whether autogenerate leaves drops out, the version table's name, how long
 * a run waits for the migration lock, and optionally which variable holds this configuration's
 * database URL.
 *
 * <p>Values come from a properties file ({@code --config FILE}, else {@code ALEMBIC_CONFIG}, else
 * {@code <script location>/migrations.properties} when it exists), overridden by the variables
 * {@code ALEMBIC_DISCOVER_PACKAGES}, {@code ALEMBIC_INCLUDE_SCHEMAS}, {@code ALEMBIC_SKIP_DROPS},
 * {@code ALEMBIC_VERSION_TABLE} and {@code ALEMBIC_LOCK_TIMEOUT} (seconds).
 *
 * <pre>{@code
 * MigrationSettings s = MigrationSettings.from(Env.system(), Optional.empty(), Optional.empty());
 * s.scriptLocation();   // migrations
 * s.versionTable();     // svc_infra_version
 * }</pre>
 *
 * @since 0.1
 */
public record MigrationSettings(
    Optional<Path> configFile,
    Path scriptLocation,
    List<String> discoverPackages,
    List<String> includeSchemas,
    boolean skipDrops,
    String versionTable,
    Duration lockTimeout,
    Optional<String> databaseUrlVariable,
    List<String> dialects,
    List<String> includeTables,
    List<String> excludeTables) {

  public static final String CONFIG_VARIABLE = "ALEMBIC_CONFIG";
  public static final String DEFAULT_CONFIG_NAME = "migrations.properties";
  public static final Path DEFAULT_SCRIPT_LOCATION = Path.of("migrations");

  /**
   * The script location from the environment: a directory, or {@code classpath:migrations} for
   * revisions packaged with the application. {@code --script-location} beats it; it beats the
   * configuration file's {@code script_location}.
   */
  public static final String SCRIPT_LOCATION_VARIABLE = "ALEMBIC_SCRIPT_LOCATION";

  /** The {@code MIGRATIONS_*} spelling of {@link #SCRIPT_LOCATION_VARIABLE}. */
  public static final String SCRIPT_LOCATION_ALIAS = "MIGRATIONS_SCRIPT_LOCATION";

  public static final String DEFAULT_VERSION_TABLE = "svc_infra_version";
  public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofMinutes(5);

  private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,50}");

  public MigrationSettings {
    discoverPackages = List.copyOf(discoverPackages);
    includeSchemas = List.copyOf(includeSchemas);
    dialects = checkedDialects(dialects);
    includeTables = List.copyOf(includeTables);
    excludeTables = List.copyOf(excludeTables);
    if (!TABLE_NAME.matcher(versionTable).matches()) {
      throw SettingReader.invalid(
          "version table",
          versionTable,
          "a name of letters, digits and _ (at most 51 characters, not starting with a digit)");
    }
    if (lockTimeout.isNegative()) {
      throw SettingReader.invalid("lock timeout", lockTimeout.toString(), "zero or more seconds");
    }
  }

  /** Defaults for a script location given in code. */
  public static MigrationSettings of(Path scriptLocation) {
    return new MigrationSettings(
        Optional.empty(),
        scriptLocation,
        List.of(),
        List.of(),
        false,
        DEFAULT_VERSION_TABLE,
        DEFAULT_LOCK_TIMEOUT,
        Optional.empty(),
        List.of(),
        List.of(),
        List.of());
  }

  /**
   * Settings from the environment and the configuration file.
   *
   * @param configOverride {@code --config FILE}; beats {@code ALEMBIC_CONFIG}
   * @param scriptLocationOverride {@code --script-location DIR}; beats the file's value
   */
  public static MigrationSettings from(
      Env env, Optional<Path> configOverride, Optional<Path> scriptLocationOverride) {
    Optional<Path> explicit = configOverride.or(() -> env.get(CONFIG_VARIABLE).map(Path::of));
    Optional<Path> file =
        explicit.or(
            () -> {
              Path candidate =
                  scriptLocationOverride
                      .orElse(DEFAULT_SCRIPT_LOCATION)
                      .resolve(DEFAULT_CONFIG_NAME);
              return Files.isRegularFile(candidate) ? Optional.of(candidate) : Optional.empty();
            });
    Properties props = file.map(MigrationSettings::load).orElseGet(Properties::new);
    Env fromFile = name -> props.getProperty(fileKey(name));
    Env merged = env.orElse(fromFile);
    SettingReader r = new SettingReader(merged);
    Path location =
        scriptLocationOverride
            .or(
                () ->
                    env.get(SCRIPT_LOCATION_VARIABLE)
                        .or(() -> env.get(SCRIPT_LOCATION_ALIAS))
                        .map(Path::of))
            .orElseGet(
                () ->
                    fromFile
                        .get("script_location")
                        .map(p -> file.map(f -> resolveBeside(f, p)).orElse(Path.of(p)))
                        .orElse(DEFAULT_SCRIPT_LOCATION));
    return new MigrationSettings(
        file,
        location,
        list(merged.get("ALEMBIC_DISCOVER_PACKAGES")),
        list(merged.get("ALEMBIC_INCLUDE_SCHEMAS")),
        r.bool("ALEMBIC_SKIP_DROPS", false),
        merged.get("ALEMBIC_VERSION_TABLE").orElse(DEFAULT_VERSION_TABLE),
        r.optionalInteger("ALEMBIC_LOCK_TIMEOUT", 0, 86_400)
            .map(s -> Duration.ofSeconds(s))
            .orElse(DEFAULT_LOCK_TIMEOUT),
        fromFile.get("database_url_env"),
        list(merged.get("ALEMBIC_DIALECTS")),
        list(merged.get("ALEMBIC_INCLUDE_TABLES")),
        list(merged.get("ALEMBIC_EXCLUDE_TABLES")));
  }

  /** Dialect names as {@code Dialects.byName} knows them, each once, in the order given. */
  private static List<String> checkedDialects(List<String> names) {
    List<String> known = Dialects.all().stream().map(Dialect::name).toList();
    List<String> out = new ArrayList<>();
    for (String name : names) {
      String n = name.strip().toLowerCase(Locale.ROOT);
      if (!known.contains(n)) {
        throw SettingReader.invalid(
            "ALEMBIC_DIALECTS entry", name, "one of " + String.join(", ", known));
      }
      if (!out.contains(n)) {
        out.add(n);
      }
    }
    return List.copyOf(out);
  }

  /** The file key of a variable: {@code ALEMBIC_SKIP_DROPS} is {@code skip_drops}. */
  private static String fileKey(String variable) {
    return switch (variable) {
      case "ALEMBIC_DISCOVER_PACKAGES" -> "discover_packages";
      case "ALEMBIC_INCLUDE_SCHEMAS" -> "include_schemas";
      case "ALEMBIC_SKIP_DROPS" -> "skip_drops";
      case "ALEMBIC_VERSION_TABLE" -> "version_table";
      case "ALEMBIC_LOCK_TIMEOUT" -> "lock_timeout";
      case "ALEMBIC_DIALECTS" -> "dialects";
      case "ALEMBIC_INCLUDE_TABLES" -> "include_tables";
      case "ALEMBIC_EXCLUDE_TABLES" -> "exclude_tables";
      default -> variable;
    };
  }

  /** A relative script location in a config file is relative to the file's directory's parent. */
  private static Path resolveBeside(Path file, String location) {
    Path p = Path.of(location);
    if (p.isAbsolute() || location.startsWith("classpath:")) {
      return p;
    }
    Path dir = file.toAbsolutePath().normalize().getParent();
    // A file inside its own script location (migrations/migrations.properties naming
    // "migrations") sits below the project root; a file elsewhere sits in it.
    Path root = dir;
    if (dir.endsWith(p.normalize())) {
      for (int i = 0; i < p.normalize().getNameCount(); i++) {
        root = root.getParent();
      }
    }
    return root.resolve(p).normalize();
  }

  private static Properties load(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new ConfigException(
          ErrorCode.UNREADABLE_FILE,
          "the migration configuration "
              + file
              + " does not exist (named by --config or "
              + CONFIG_VARIABLE
              + "); run 'svc-infra sql init' to create one");
    }
    Properties props = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      props.load(in);
    } catch (IOException e) {
      throw new ConfigException(
          ErrorCode.UNREADABLE_FILE,
          "cannot read the migration configuration " + file + ": " + e.getMessage(),
          e);
    }
    return props;
  }

  private static List<String> list(Optional<String> value) {
    return value
        .map(v -> Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList())
        .orElse(List.of());
  }

  /** The text of a configuration file holding these settings, as {@code sql init} writes it. */
  public String toFileText() {
    return "# svc-infra migrations. Variables (ALEMBIC_*) override these values.\n"
        + "script_location="
        + scriptLocation.toString().replace('\\', '/')
        + "\n"
        + "# comma-separated packages holding model classes (ALEMBIC_DISCOVER_PACKAGES)\n"
        + "discover_packages="
        + String.join(",", discoverPackages)
        + "\n"
        + "# extra schemas autogenerate compares (ALEMBIC_INCLUDE_SCHEMAS)\n"
        + "include_schemas="
        + String.join(",", includeSchemas)
        + "\n"
        + "# leave drops out of autogenerated revisions (ALEMBIC_SKIP_DROPS)\n"
        + "skip_drops="
        + skipDrops
        + "\n"
        + "version_table="
        + versionTable
        + "\n"
        + "# dialects autogenerate writes sections for (ALEMBIC_DIALECTS), e.g. postgresql,sqlite;\n"
        + "# empty: those the existing revisions name, plus the database's own\n"
        + "dialects="
        + String.join(",", dialects)
        + "\n"
        + "# tables check and autogenerate look at, as globs (ALEMBIC_INCLUDE_TABLES, empty: all)\n"
        + "# and tables they leave alone (ALEMBIC_EXCLUDE_TABLES), e.g. legacy_*,audit_log\n"
        + "include_tables="
        + String.join(",", includeTables)
        + "\n"
        + "exclude_tables="
        + String.join(",", excludeTables)
        + "\n"
        + "# seconds a run waits for the migration lock (ALEMBIC_LOCK_TIMEOUT)\n"
        + "lock_timeout="
        + lockTimeout.toSeconds()
        + "\n"
        + "# optional: the variable holding this configuration's database URL\n"
        + "#database_url_env=ANALYTICS_DATABASE_URL\n";
  }

  public MigrationSettings withVersionTable(String name) {
    return new MigrationSettings(
        configFile,
        scriptLocation,
        discoverPackages,
        includeSchemas,
        skipDrops,
        name,
        lockTimeout,
        databaseUrlVariable,
        dialects,
        includeTables,
        excludeTables);
  }

  public MigrationSettings withLockTimeout(Duration value) {
    return new MigrationSettings(
        configFile,
        scriptLocation,
        discoverPackages,
        includeSchemas,
        skipDrops,
        versionTable,
        value,
        databaseUrlVariable,
        dialects,
        includeTables,
        excludeTables);
  }

  public MigrationSettings withSkipDrops(boolean value) {
    return new MigrationSettings(
        configFile,
        scriptLocation,
        discoverPackages,
        includeSchemas,
        value,
        versionTable,
        lockTimeout,
        databaseUrlVariable,
        dialects,
        includeTables,
        excludeTables);
  }

  public MigrationSettings withDiscoverPackages(List<String> value) {
    return new MigrationSettings(
        configFile,
        scriptLocation,
        value,
        includeSchemas,
        skipDrops,
        versionTable,
        lockTimeout,
        databaseUrlVariable,
        dialects,
        includeTables,
        excludeTables);
  }
}
