package dev.svcinfra.migrate.internal.script;

import dev.svcinfra.ErrorCode;
import dev.svcinfra.migrate.MigrationException;
import dev.svcinfra.migrate.Revision;
import dev.svcinfra.migrate.script.JavaMigration;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Stream;

/**
 * The script location ({@code migrations/}): its {@code versions/} directory of revision files,
 * plus Java revisions registered through {@link ServiceLoader} or in code. It reads revisions into
 * a {@link RevisionGraph} and writes new revision files.
 *
 * <pre>{@code
 * ScriptDirectory dir = new ScriptDirectory(Path.of("migrations"), List.of());
 * RevisionGraph graph = dir.graph();
 * Path file = dir.write(draft);
 * }</pre>
 *
 * @since 0.1
 */
public final class ScriptDirectory {
  public static final String VERSIONS = "versions";

  private final Path location;
  private final List<JavaMigration> javaMigrations;

  /** The location as configured ({@code classpath:migrations}), when it differs from the path. */
  private final Path configured;

  public ScriptDirectory(Path location, List<JavaMigration> javaMigrations) {
    this(location, location, javaMigrations);
  }

  private ScriptDirectory(Path configured, Path location, List<JavaMigration> javaMigrations) {
    this.configured = configured;
    this.location = location;
    this.javaMigrations = List.copyOf(javaMigrations);
  }

  /**
   * The directory {@code configured} names; a {@code classpath:} location is found through {@code
   * loader} (a directory, or inside a jar) and is read-only.
   */
  public static ScriptDirectory of(
      Path configured, ClassLoader loader, List<JavaMigration> javaMigrations) {
    return ClasspathLocation.isClasspath(configured)
        ? new ScriptDirectory(
            configured, ClasspathLocation.resolve(configured, loader), javaMigrations)
        : new ScriptDirectory(configured, javaMigrations);
  }

  /**
   * Java revisions listed in {@code META-INF/services/dev.svcinfra.migrate.script.JavaMigration}.
   */
  public static List<JavaMigration> serviceLoaded(ClassLoader loader) {
    List<JavaMigration> out = new ArrayList<>();
    ServiceLoader.load(JavaMigration.class, loader).forEach(out::add);
    return out;
  }

  public Path location() {
    return location;
  }

  public Path versions() {
    return location.resolve(VERSIONS);
  }

  /** Whether the location exists with its {@code versions/} directory. */
  public boolean exists() {
    return Files.isDirectory(versions());
  }

  /** Every revision: the files under {@code versions/} (sorted by name) and the Java revisions. */
  public List<Revision> revisions() {
    if (!exists()) {
      throw new MigrationException(
          ErrorCode.SCRIPT_LOCATION,
          "no migrations at "
              + (configured.equals(location)
                  ? location.toAbsolutePath()
                  : configured + " (" + location.toUri() + ")")
              + " (expected a versions/ directory); run 'svc-infra sql "
              + "init' or pass --script-location");
    }
    List<Revision> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(versions())) {
      files
          .filter(f -> f.getFileName().toString().endsWith(".sql") && Files.isRegularFile(f))
          .sorted()
          .forEach(f -> out.add(RevisionFile.read(f)));
    } catch (IOException e) {
      throw new MigrationException(
          ErrorCode.SCRIPT_LOCATION, "cannot list " + versions() + ": " + e.getMessage(), e);
    }
    javaMigrations.forEach(m -> out.add(JavaRevision.revision(m)));
    return out;
  }

  public RevisionGraph graph() {
    return RevisionGraph.of(revisions());
  }

  /**
   * Writes {@code draft} as a new file and returns its path. Refuses an id that already exists, so
   * {@code --rev-id} never overwrites a revision.
   */
  public Path write(RevisionDraft draft) {
    return write(draft, graph());
  }

  /**
   * Writes {@code draft} as a new file, checking its id and parents against {@code graph}, the
   * graph the caller read from this directory (so a command reads the directory once).
   */
  public Path write(RevisionDraft draft, RevisionGraph graph) {
    if (graph.contains(draft.id())) {
      throw new MigrationException(
          ErrorCode.REVISION_GRAPH_INVALID,
          "a revision with id "
              + draft.id()
              + " already exists: "
              + graph.get(draft.id()).origin());
    }
    for (String parent : draft.downRevisions()) {
      graph.get(parent);
    }
    if (ClasspathLocation.isClasspath(configured)) {
      throw new MigrationException(
          ErrorCode.SCRIPT_LOCATION,
          configured
              + " is read-only (the revisions packaged with the application); write new "
              + "revisions into the source directory, e.g. --script-location "
              + "src/main/resources/"
              + configured.toString().substring(ClasspathLocation.PREFIX.length()));
    }
    Path file = versions().resolve(draft.fileName());
    try {
      Files.writeString(
          file,
          draft.render(),
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE_NEW,
          StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new MigrationException(
          ErrorCode.SCRIPT_LOCATION, "cannot write " + file + ": " + e.getMessage(), e);
    }
    return file;
  }

  /** A fresh revision id (12 hex characters) no revision has yet. */
  public static String newId() {
    return RevisionIds.random();
  }
}
