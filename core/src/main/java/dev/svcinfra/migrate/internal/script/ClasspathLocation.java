package dev.svcinfra.migrate.internal.script;

import dev.svcinfra.ErrorCode;
import dev.svcinfra.migrate.MigrationException;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A script location written {@code classpath:migrations} (or {@code classpath:db/migration}): the
 * revisions packaged with the application, read from {@code target/classes} or from inside a jar,
 * fat jars included (issue 19). Such a location is read-only.
 *
 * <pre>{@code
 * Path versions = ClasspathLocation.resolve(Path.of("classpath:migrations"), loader);
 * }</pre>
 */
public final class ClasspathLocation {
  /** The prefix that marks a classpath location. */
  public static final String PREFIX = "classpath:";

  /**
   * Jar file systems opened here, one per jar, kept for the life of the process: revisions are read
   * again by later commands, and a zip file system is read-only and cheap to keep.
   */
  private static final Map<URI, FileSystem> JARS = new ConcurrentHashMap<>();

  private ClasspathLocation() {}

  /** Whether {@code location} is written {@code classpath:...}. */
  public static boolean isClasspath(Path location) {
    return location.toString().startsWith(PREFIX);
  }

  /**
   * The directory a {@code classpath:} location names, as {@code loader} finds it: a plain
   * directory, or a directory inside a jar. Any other location is returned as it is.
   */
  public static Path resolve(Path location, ClassLoader loader) {
    if (!isClasspath(location)) {
      return location;
    }
    String name = resourceName(location);
    URL url = loader.getResource(name);
    if (url == null) {
      url = loader.getResource(name + "/");
    }
    if (url == null) {
      throw new MigrationException(
          ErrorCode.SCRIPT_LOCATION,
          "no "
              + location
              + " on the class path: package the revisions as resources under "
              + name
              + "/versions/ (src/main/resources/"
              + name
              + "/versions/ in a Maven project)");
    }
    try {
      URI uri = url.toURI();
      return switch (uri.getScheme()) {
        case "file" -> Path.of(uri);
        case "jar" -> inJar(location, uri);
        default -> throw unsupported(location, uri);
      };
    } catch (URISyntaxException e) {
      throw new MigrationException(
          ErrorCode.SCRIPT_LOCATION, "cannot read " + location + " at " + url, e);
    }
  }

  private static String resourceName(Path location) {
    String name = location.toString().substring(PREFIX.length()).replace('\\', '/');
    while (name.startsWith("/")) {
      name = name.substring(1);
    }
    while (name.endsWith("/")) {
      name = name.substring(0, name.length() - 1);
    }
    if (name.isEmpty()) {
      throw new MigrationException(
          ErrorCode.SCRIPT_LOCATION,
          "'" + location + "' names no directory; write e.g. classpath:migrations");
    }
    return name;
  }

  private static Path inJar(Path location, URI uri) {
    String spec = uri.getSchemeSpecificPart();
    int bang = spec.indexOf("!/");
    if (bang < 0 || spec.indexOf("!/", bang + 2) >= 0) {
      // jar:file:app.jar!/BOOT-INF/lib/x.jar!/migrations: a jar inside a jar has no file system.
      throw unsupported(location, uri);
    }
    URI jar = URI.create("jar:" + spec.substring(0, bang));
    FileSystem fs = JARS.computeIfAbsent(jar, ClasspathLocation::open);
    return fs.getPath(spec.substring(bang + 1));
  }

  private static FileSystem open(URI jar) {
    try {
      return FileSystems.newFileSystem(jar, Map.of());
    } catch (FileSystemAlreadyExistsException e) {
      return FileSystems.getFileSystem(jar);
    } catch (IOException e) {
      throw new MigrationException(
          ErrorCode.SCRIPT_LOCATION, "cannot open " + jar + ": " + e.getMessage(), e);
    }
  }

  private static MigrationException unsupported(Path location, URI uri) {
    return new MigrationException(
        ErrorCode.SCRIPT_LOCATION,
        location
            + " was found at "
            + uri
            + ", which cannot be listed: classpath locations work from a directory or a jar "
            + "(a fat jar's own entries included), not from a jar nested in another jar");
  }
}
