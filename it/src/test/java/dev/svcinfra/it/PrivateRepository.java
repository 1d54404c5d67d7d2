package dev.svcinfra.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * A Maven local repository of our own under {@code target/}, holding this build's artifacts as
 * {@code mvn install} would lay them out, plus a settings file whose only repository is the user's
 * local repository (as a {@code file:} mirror of every remote). A build run with both reaches no
 * network and never sees artifacts another build installed into the user's repository.
 */
final class PrivateRepository {
  /** The modules a service can depend on, by directory under the root and artifact id. */
  private static final List<String[]> JARS =
      List.of(
          new String[] {"core", "svc-infra-core"},
          new String[] {"javalin", "svc-infra-javalin"},
          new String[] {"mongo", "svc-infra-mongo"});

  private final Path repository;
  private final Path settings;

  private PrivateRepository(Path repository, Path settings) {
    this.repository = repository;
    this.settings = settings;
  }

  /**
   * Lays out the parent pom, the BOM and the library jars of the build at {@code root} (version
   * {@code version}) under {@code dir/repository}, and writes {@code dir/settings.xml} mirroring
   * every remote repository to {@code userRepository}.
   */
  static PrivateRepository create(Path dir, Path root, String version, Path userRepository)
      throws IOException {
    Path repository = dir.resolve("repository");
    install(repository, "svc-infra-parent", version, root.resolve("pom.xml"), null);
    install(repository, "svc-infra-bom", version, root.resolve("bom/pom.xml"), null);
    for (String[] module : JARS) {
      Path moduleDir = root.resolve(module[0]);
      Path jar = moduleDir.resolve("target").resolve(module[1] + "-" + version + ".jar");
      if (!Files.isRegularFile(jar)) {
        throw new IllegalStateException(jar + " is missing: run 'mvn verify', which packages it");
      }
      install(repository, module[1], version, moduleDir.resolve("pom.xml"), jar);
    }
    Path settings = dir.resolve("settings.xml");
    Files.writeString(
        settings,
        """
        <settings>
          <mirrors>
            <mirror>
              <id>user-repository</id>
              <mirrorOf>*</mirrorOf>
              <url>%s</url>
            </mirror>
          </mirrors>
        </settings>
        """
            .formatted(userRepository.toUri()));
    return new PrivateRepository(repository, settings);
  }

  private static void install(Path repository, String artifact, String version, Path pom, Path jar)
      throws IOException {
    Path dir = repository.resolve("dev/svcinfra").resolve(artifact).resolve(version);
    Files.createDirectories(dir);
    String base = artifact + "-" + version;
    Files.copy(pom, dir.resolve(base + ".pom"), StandardCopyOption.REPLACE_EXISTING);
    if (jar != null) {
      Files.copy(jar, dir.resolve(base + ".jar"), StandardCopyOption.REPLACE_EXISTING);
    }
  }

  Path repository() {
    return repository;
  }

  Path settings() {
    return settings;
  }
}
