package dev.svcinfra.reliability;

import dev.svcinfra.migrate.Revision;
import dev.svcinfra.migrate.internal.script.ScriptDirectory;
import java.net.URI;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The quickstart's packaged revisions, read from its artifact on the test classpath, so the tests
 * follow the quickstart's history instead of naming a revision that a new one replaces as head.
 */
final class QuickstartRevisions {
  private QuickstartRevisions() {}

  /** What a reader makes of the quickstart's packaged migrations directory. */
  interface Reader<T> {
    T read(Path migrations) throws Exception;
  }

  /** The revisions parents first (the quickstart's history is linear). */
  static List<Revision> inOrder() throws Exception {
    return withMigrations(QuickstartRevisions::read);
  }

  /**
   * Runs {@code reader} on the quickstart's {@code migrations/} directory, inside its jar or in
   * {@code target/classes}.
   */
  static <T> T withMigrations(Reader<T> reader) throws Exception {
    URL url = QuickstartRevisions.class.getClassLoader().getResource("migrations");
    if (url == null) {
      throw new IllegalStateException("the quickstart's migrations/ are not on the test classpath");
    }
    URI uri = url.toURI();
    if (!"jar".equals(uri.getScheme())) {
      return reader.read(Path.of(uri));
    }
    FileSystem jar;
    try {
      jar = FileSystems.newFileSystem(uri, Map.of());
    } catch (FileSystemAlreadyExistsException openedElsewhere) {
      // The service in this JVM reads classpath:migrations from the same jar and keeps its file
      // system open for the life of the process: read through it, and leave it open.
      return reader.read(FileSystems.getFileSystem(uri).provider().getPath(uri));
    }
    try (jar) {
      return reader.read(jar.provider().getPath(uri));
    }
  }

  private static List<Revision> read(Path location) {
    var graph = new ScriptDirectory(location, List.of()).graph();
    return graph.topological(graph.all().stream().map(Revision::id).toList());
  }
}
