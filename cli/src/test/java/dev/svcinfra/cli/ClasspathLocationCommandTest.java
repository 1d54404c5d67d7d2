package dev.svcinfra.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --script-location classpath:...} and {@code ALEMBIC_SCRIPT_LOCATION} read a jar. */
class ClasspathLocationCommandTest {
  @TempDir Path dir;

  @Test
  void upgradesFromTheRevisionsInsideAJar() throws Exception {
    Path jar = dir.resolve("app.jar");
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file)) {
      out.putNextEntry(new JarEntry("db/"));
      out.putNextEntry(new JarEntry("db/migration/"));
      out.putNextEntry(new JarEntry("db/migration/versions/"));
      out.putNextEntry(new JarEntry("db/migration/versions/c1c1c1c1c1c1_pets.sql"));
      out.write(
          """
          -- revision: c1c1c1c1c1c1
          -- down_revision:
          -- message: pets

          -- +upgrade
          CREATE TABLE pets (id INTEGER PRIMARY KEY);

          -- +downgrade
          DROP TABLE pets;
          """
              .getBytes(StandardCharsets.UTF_8));
    }
    Map<String, String> env = Map.of("SQL_URL", "sqlite:///" + dir.resolve("app.db"));
    CliRun up =
        CliRun.of(
            env,
            "sql",
            "upgrade",
            "--script-location",
            "classpath:db/migration",
            "--classpath",
            jar.toString());
    assertThat(up.status()).as(up.all()).isZero();
    assertThat(up.out()).contains("c1c1c1c1c1c1");

    Map<String, String> fromEnv =
        Map.of(
            "SQL_URL",
            "sqlite:///" + dir.resolve("app.db"),
            "ALEMBIC_SCRIPT_LOCATION",
            "classpath:db/migration");
    CliRun current = CliRun.of(fromEnv, "sql", "current", "--classpath", jar.toString());
    assertThat(current.status()).as(current.all()).isZero();
    assertThat(current.out()).contains("c1c1c1c1c1c1");

    CliRun revision =
        CliRun.of(fromEnv, "sql", "revision", "-m", "more", "--classpath", jar.toString());
    assertThat(revision.status()).isNotZero();
    assertThat(revision.err()).contains("read-only").contains("src/main/resources/db/migration");

    CliRun missing = CliRun.of(fromEnv, "sql", "current");
    assertThat(missing.status()).isNotZero();
    assertThat(missing.err()).contains("no classpath:db/migration on the class path");
  }
}
