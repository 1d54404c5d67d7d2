package dev.svcinfra.migrate;

import dev.svcinfra.ErrorCode;
import dev.svcinfra.config.ModelDiscoverySettings;
import dev.svcinfra.sql.model.ModelRegistry;
import dev.svcinfra.sql.model.internal.Table;
import dev.svcinfra.sql.model.internal.TableMapping;
import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The model tables that autogenerate and {@code check} compare with the database, found in the
 * packages of {@code ALEMBIC_DISCOVER_PACKAGES}. A package in which no model class is found is
 * refused, naming it and the class path searched: comparing against a misspelt package (or a
 * forgotten {@code --classpath}) would otherwise see an empty model and propose dropping every
 * table (issue 19).
 */
final class ModelDiscovery {
  private ModelDiscovery() {}

  static List<Table> tables(List<String> packages, ClassLoader loader) {
    ModelRegistry registry = ModelRegistry.discover(ModelDiscoverySettings.of(packages), loader);
    List<String> empty = new ArrayList<>();
    for (String pkg : packages) {
      boolean found =
          registry.mappings().stream()
              .map(TableMapping::type)
              .anyMatch(t -> t.getName().startsWith(pkg + "."));
      if (!found) {
        empty.add(pkg);
      }
    }
    if (!empty.isEmpty()) {
      throw new MigrationException(
          ErrorCode.NO_MODELS,
          "no model classes (@Table) found in "
              + (empty.size() == 1 ? "package " : "packages ")
              + String.join(", ", empty)
              + " of ALEMBIC_DISCOVER_PACKAGES; searched "
              + describe(loader)
              + ". Check the package name, and pass --classpath with the directory or jar "
              + "holding the model classes. Nothing was compared or written.");
    }
    return registry.tables();
  }

  /** The class path a loader searches, as the user wrote it (directories and jars). */
  static String describe(ClassLoader loader) {
    if (loader instanceof URLClassLoader urls && urls.getURLs().length > 0) {
      return Arrays.stream(urls.getURLs())
              .map(ModelDiscovery::path)
              .collect(Collectors.joining(File.pathSeparator))
          + " (--classpath) and the application class path";
    }
    return "the application class path";
  }

  private static String path(URL url) {
    return "file".equals(url.getProtocol()) ? new File(url.getPath()).getPath() : url.toString();
  }
}
