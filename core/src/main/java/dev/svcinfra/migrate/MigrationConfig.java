package dev.svcinfra.migrate;

import dev.svcinfra.ErrorCode;
import dev.svcinfra.config.MigrationSettings;
import dev.svcinfra.migrate.internal.script.ScriptDirectory;
import dev.svcinfra.sql.Database;
import dev.svcinfra.sql.dialect.Dialect;
import dev.svcinfra.sql.model.internal.Table;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * What a {@link MigrationBuilder} held when {@code build()} was called, copied so that changing the
 * builder afterwards changes nothing in the {@link Migrations} it built (issue 17). The one value
 * computed later, the discovered model tables, depends only on these fields.
 */
final class MigrationConfig {
  final MigrationSettings settings;
  final Database database;
  final Dialect dialect;
  final ScriptDirectory scripts;

  /** Reads the revisions; a command calls it once and builds one graph from the result. */
  final Supplier<List<Revision>> revisions;

  final Set<String> mappedColumns;
  final Consumer<String> observer;
  final String appliedBy;

  /** The code hook of {@link MigrationBuilder#includeTable}: sees each qualified table name. */
  final Predicate<String> includeTable;

  private final List<Table> givenModels;
  private final ClassLoader modelLoader;
  private volatile List<Table> discoveredModels;

  MigrationConfig(MigrationBuilder b) {
    this.settings = b.settings;
    this.database = b.database;
    this.dialect = b.dialect;
    this.scripts = ScriptDirectory.of(b.settings.scriptLocation(), b.modelLoader, b.javaMigrations);
    this.revisions = b.revisionSource.apply(scripts);
    this.mappedColumns = Set.copyOf(b.mappedColumns);
    this.givenModels = b.models == null ? null : List.copyOf(b.models);
    this.modelLoader = b.modelLoader;
    this.observer = b.observer;
    this.appliedBy = b.appliedBy;
    this.includeTable = b.includeTable;
  }

  Database requireDatabase() {
    if (database == null) {
      throw new MigrationException(
          ErrorCode.MIGRATION_OFFLINE,
          "this command needs a database; "
              + "set SQL_URL or pass --database-url (only --sql runs without one)");
    }
    return database;
  }

  /** Whether models are known without asking: given in code or named by packages. */
  boolean hasModels() {
    return givenModels != null || !settings.discoverPackages().isEmpty();
  }

  /** The model tables: given in code, else discovered in the configured packages (once). */
  List<Table> modelTables() {
    if (givenModels != null) {
      return givenModels;
    }
    if (settings.discoverPackages().isEmpty()) {
      throw new MigrationException(
          ErrorCode.NO_MODELS,
          "no models to compare: set ALEMBIC_DISCOVER_PACKAGES (or discover_packages in the "
              + "migration configuration) and pass --classpath where the classes are");
    }
    List<Table> found = discoveredModels;
    if (found == null) {
      // Discovery scans the classpath; two threads racing here find the same tables.
      found = List.copyOf(ModelDiscovery.tables(settings.discoverPackages(), modelLoader));
      discoveredModels = found;
    }
    return found;
  }

  Dialect dialect() {
    return dialectIfKnown()
        .orElseThrow(
            () ->
                new MigrationException(
                    ErrorCode.MIGRATION_OFFLINE,
                    "no database and no dialect: pass --database-url, or --dialect for offline SQL"));
  }

  Optional<Dialect> dialectIfKnown() {
    return Optional.ofNullable(dialect)
        .or(() -> Optional.ofNullable(database).map(Database::dialect));
  }
}
