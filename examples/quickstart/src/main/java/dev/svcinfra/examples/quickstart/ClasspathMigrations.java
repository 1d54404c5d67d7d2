package dev.svcinfra.examples.quickstart;

import dev.svcinfra.migrate.Migrations;
import dev.svcinfra.migrate.Revision;
import dev.svcinfra.sql.Database;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Applies the revisions packaged in the jar under {@code migrations/versions/}, so the service
 * migrates itself at start-up from any working directory. Inside a jar the directory is read
 * through a zip file system; from {@code target/classes} it is a plain directory.
 *
 * @since 0.1
 */
public final class ClasspathMigrations {
  private static final String LOCATION = "migrations";

  private ClasspathMigrations() {}

  /** Upgrades {@code db} to head under the migration lock; returns the revisions applied. */
  public static List<Revision> upgrade(Database db) {
    return withScripts(
        location -> Migrations.builder().database(db).scriptLocation(location).build().upgrade());
  }

  /** Runs {@code work} with the packaged script location, readable while {@code work} runs. */
  static <R> R withScripts(Function<Path, R> work) {
    URL url = ClasspathMigrations.class.getClassLoader().getResource(LOCATION);
    if (url == null) {
      throw new IllegalStateException("the quickstart jar has no " + LOCATION + "/ directory");
    }
    try {
      URI uri = url.toURI();
      if (!"jar".equals(uri.getScheme())) {
        return work.apply(Path.of(uri));
      }
      FileSystem jar;
      boolean opened = true;
      try {
        jar = FileSystems.newFileSystem(uri, Map.of());
      } catch (FileSystemAlreadyExistsException e) {
        jar = FileSystems.getFileSystem(uri); // opened by someone else: theirs to close
        opened = false;
      }
      try {
        return work.apply(jar.provider().getPath(uri));
      } finally {
        if (opened) {
          jar.close();
        }
      }
    } catch (URISyntaxException e) {
      throw new IllegalStateException("cannot locate the packaged migrations: " + url, e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the packaged migrations", e);
    }
  }
}
