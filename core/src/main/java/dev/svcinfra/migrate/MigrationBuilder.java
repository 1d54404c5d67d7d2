package dev.svcinfra.migrate;

import dev.svcinfra.config.MigrationSettings;
import dev.svcinfra.migrate.internal.script.ScriptDirectory;
import dev.svcinfra.migrate.script.JavaMigration;
import dev.svcinfra.sql.Database;
import dev.svcinfra.sql.dialect.Dialect;
import dev.svcinfra.sql.model.internal.Table;
import dev.svcinfra.sql.model.internal.TableMapping;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Configures {@link Migrations}: the database (or, for offline scripts only, a dialect), the
 * settings, Java revisions, and the columns models map (for the rename lint rule).
 *
 * <pre>{@code
 * Migrations m = Migrations.builder().database(db).scriptLocation(Path.of("migrations")).build();
 * Migrations offline = Migrations.builder().dialect(Dialects.POSTGRESQL).build();
 * }</pre>
 *
 * @since 0.1
 */
public final class MigrationBuilder {
  MigrationSettings settings = MigrationSettings.of(MigrationSettings.DEFAULT_SCRIPT_LOCATION);
  Database database;
  Dialect dialect;
  final List<JavaMigration> javaMigrations = new ArrayList<>();
  Set<String> mappedColumns = Set.of();
  List<Table> models;
  ClassLoader modelLoader = MigrationBuilder.class.getClassLoader();
  Consumer<String> observer = sql -> {};
  String appliedBy = defaultAppliedBy();
  Predicate<String> includeTable = table -> true;

  /** How a command reads revisions from the script directory; tests count the reads. */
  Function<ScriptDirectory, Supplier<List<Revision>>> revisionSource =
      scripts -> scripts::revisions;

  MigrationBuilder() {}

  public MigrationBuilder database(Database value) {
    this.database = value;
    return this;
  }

  /** The dialect to render offline scripts for when there is no database. */
  public MigrationBuilder dialect(Dialect value) {
    this.dialect = value;
    return this;
  }

  public MigrationBuilder settings(MigrationSettings value) {
    this.settings = value;
    return this;
  }

  /**
   * Where the revisions are: a directory, or {@code classpath:migrations} for revisions packaged
   * with the application (read through {@link #modelClassLoader}, from a directory or a jar).
   */
  public MigrationBuilder scriptLocation(String value) {
    return scriptLocation(Path.of(value));
  }

  /** Where the revisions are; see {@link #scriptLocation(String)}. */
  public MigrationBuilder scriptLocation(Path value) {
    MigrationSettings s = settings;
    this.settings =
        new MigrationSettings(
            s.configFile(),
            value,
            s.discoverPackages(),
            s.includeSchemas(),
            s.skipDrops(),
            s.versionTable(),
            s.lockTimeout(),
            s.databaseUrlVariable(),
            s.dialects(),
            s.includeTables(),
            s.excludeTables());
    return this;
  }

  /** Adds a Java revision (data migration). */
  public MigrationBuilder javaRevision(JavaMigration migration) {
    javaMigrations.add(migration);
    return this;
  }

  /** Adds the Java revisions listed as services on {@code loader}. */
  public MigrationBuilder javaRevisionsFrom(ClassLoader loader) {
    javaMigrations.addAll(ScriptDirectory.serviceLoaded(loader));
    return this;
  }

  /** {@code table.column} pairs (lower case) the models map, for the rename lint rule. */
  public MigrationBuilder mappedColumns(Set<String> value) {
    this.mappedColumns = Set.copyOf(value);
    return this;
  }

  /**
   * The models autogenerate and check compare with, instead of discovering them: {@code @Table}
   * records or classes.
   *
   * <pre>{@code
   * Migrations.builder().database(db).models(User.class, IdempotencyRecord.class).build();
   * }</pre>
   */
  public MigrationBuilder models(Class<?>... modelClasses) {
    return models(Arrays.stream(modelClasses).map(c -> TableMapping.of(c).table()).toList());
  }

  /** The model tables autogenerate and check compare with (instead of discovering them). */
  public MigrationBuilder models(List<Table> value) {
    this.models = List.copyOf(value);
    return this;
  }

  /**
   * Where model classes of {@code ALEMBIC_DISCOVER_PACKAGES} and {@code classpath:} script
   * locations are found (a CLI classpath); by default the loader of this library.
   */
  public MigrationBuilder modelClassLoader(ClassLoader value) {
    this.modelLoader = value;
    return this;
  }

  /** Sees every statement executed online (after it succeeded). */
  public MigrationBuilder statementObserver(Consumer<String> value) {
    this.observer = value;
    return this;
  }

  /** Wraps how revisions are read (package-private: tests count reads per command). */
  MigrationBuilder revisionSource(Function<ScriptDirectory, Supplier<List<Revision>>> value) {
    this.revisionSource = value;
    return this;
  }

  /**
   * The code hook of the table filter (Alembic's {@code include_object} for tables): {@code check}
   * and autogenerate look only at tables for which it answers true, after {@code
   * ALEMBIC_INCLUDE_TABLES} and {@code ALEMBIC_EXCLUDE_TABLES} let them through. It sees {@code
   * table}, or {@code schema.table} for a table of an extra schema. Tables it refuses are neither
   * reported nor created, changed or dropped.
   *
   * <pre>{@code
   * Migrations.builder().database(db).includeTable(t -> !t.startsWith("tmp_")).build();
   * }</pre>
   */
  public MigrationBuilder includeTable(Predicate<String> value) {
    this.includeTable = Objects.requireNonNull(value, "includeTable");
    return this;
  }

  /** Who the history table records as running the migration (default {@code user@host}). */
  public MigrationBuilder appliedBy(String value) {
    this.appliedBy = value;
    return this;
  }

  /**
   * The migrations as configured now: later changes to this builder do not reach them (issue 17).
   */
  public Migrations build() {
    return new Migrations(new MigrationConfig(this));
  }

  private static String defaultAppliedBy() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      host = "unknown-host";
    }
    return System.getProperty("user.name", "unknown") + "@" + host;
  }
}
