package dev.svcinfra.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.svcinfra.ErrorCode;
import dev.svcinfra.config.Env;
import dev.svcinfra.config.MigrationSettings;
import dev.svcinfra.migrate.internal.script.RevisionDraft;
import dev.svcinfra.sql.Database;
import dev.svcinfra.sql.Transaction;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Revisions packaged with the application (issue 19): {@code classpath:migrations} and custom
 * locations such as {@code classpath:db/migration}, read from a directory ({@code target/classes})
 * and from inside a jar, through the builder and {@code ALEMBIC_SCRIPT_LOCATION}.
 */
class ClasspathScriptLocationTest {
  @TempDir Path dir;

  private static final String FIRST =
      """
      -- revision: aaaaaaaaaaa1
      -- down_revision:
      -- message: create things

      -- +upgrade
      CREATE TABLE things (id INTEGER PRIMARY KEY, name VARCHAR(20));

      -- +downgrade
      DROP TABLE things;
      """;
  private static final String SECOND =
      """
      -- revision: bbbbbbbbbbb2
      -- down_revision: aaaaaaaaaaa1
      -- message: add a thing

      -- +upgrade
      INSERT INTO things (id, name) VALUES (1, 'émile ω');

      -- +downgrade
      DELETE FROM things WHERE id = 1;
      """;

  private Path classesDir(String location) throws IOException {
    Path versions =
        Files.createDirectories(dir.resolve("classes").resolve(location).resolve("versions"));
    Files.writeString(versions.resolve("aaaaaaaaaaa1_create_things.sql"), FIRST);
    Files.writeString(versions.resolve("bbbbbbbbbbb2_add_a_thing.sql"), SECOND);
    return dir.resolve("classes");
  }

  /** A jar as a fat jar holds them: entries under the location, directory entries or not. */
  private Path jar(String location, boolean directoryEntries) throws IOException {
    Path jar = dir.resolve("app-" + directoryEntries + ".jar");
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file)) {
      if (directoryEntries) {
        out.putNextEntry(new JarEntry(location + "/"));
        out.putNextEntry(new JarEntry(location + "/versions/"));
      }
      for (Map.Entry<String, String> e :
          Map.of("aaaaaaaaaaa1_create_things.sql", FIRST, "bbbbbbbbbbb2_add_a_thing.sql", SECOND)
              .entrySet()) {
        out.putNextEntry(new JarEntry(location + "/versions/" + e.getKey()));
        out.write(e.getValue().getBytes(StandardCharsets.UTF_8));
      }
    }
    return jar;
  }

  private void upgradesAndReadsBack(ClassLoader loader, String location) throws Exception {
    Path db = Files.createTempFile(dir, "app", ".db");
    try (Database database = Database.open("sqlite:///" + db.toAbsolutePath())) {
      Migrations m =
          Migrations.builder()
              .database(database)
              .scriptLocation(location)
              .modelClassLoader(loader)
              .build();
      assertThat(m.upgrade())
          .extracting(Revision::id)
          .containsExactly("aaaaaaaaaaa1", "bbbbbbbbbbb2");
      assertThat(m.upgrade()).isEmpty();
      assertThat(m.current().atHead()).isTrue();
      List<String> names =
          database.inTransaction(
              (Transaction tx) -> tx.query("SELECT name FROM things", rs -> rs.getString(1)));
      assertThat(names).containsExactly("émile ω");
      assertThat(m.downgrade("base")).hasSize(2);
    }
  }

  @Test
  void fromADirectory() throws Exception {
    try (URLClassLoader loader =
        new URLClassLoader(new URL[] {classesDir("migrations").toUri().toURL()}, null)) {
      upgradesAndReadsBack(loader, "classpath:migrations");
    }
  }

  @Test
  void customLocationsInAJar() throws Exception {
    for (boolean entries : List.of(true, false)) {
      try (URLClassLoader loader =
          new URLClassLoader(new URL[] {jar("db/migration", entries).toUri().toURL()}, null)) {
        if (entries) {
          upgradesAndReadsBack(loader, "classpath:db/migration");
          upgradesAndReadsBack(loader, "classpath:/db/migration/");
        } else {
          // Without directory entries the jar has no resource for the directory itself.
          assertThatThrownBy(() -> upgradesAndReadsBack(loader, "classpath:db/migration"))
              .isInstanceOfSatisfying(
                  MigrationException.class,
                  e -> assertThat(e.code()).isEqualTo(ErrorCode.SCRIPT_LOCATION))
              .hasMessageContaining("no classpath:db/migration on the class path");
        }
      }
    }
  }

  @Test
  void fromTheEnvironment() throws Exception {
    MigrationSettings settings =
        MigrationSettings.from(
            Env.of(Map.of("ALEMBIC_SCRIPT_LOCATION", "classpath:migrations")),
            Optional.empty(),
            Optional.empty());
    assertThat(settings.scriptLocation()).hasToString("classpath:migrations");
    MigrationSettings overridden =
        MigrationSettings.from(
            Env.of(Map.of("ALEMBIC_SCRIPT_LOCATION", "classpath:migrations")),
            Optional.empty(),
            Optional.of(dir.resolve("elsewhere")));
    assertThat(overridden.scriptLocation()).isEqualTo(dir.resolve("elsewhere"));
    try (URLClassLoader loader =
            new URLClassLoader(new URL[] {jar("migrations", true).toUri().toURL()}, null);
        Database database = Database.open("sqlite:///" + dir.resolve("env.db").toAbsolutePath())) {
      Migrations m =
          Migrations.builder()
              .database(database)
              .settings(settings)
              .modelClassLoader(loader)
              .build();
      assertThat(m.upgrade()).hasSize(2);
    }
  }

  @Test
  void aMissingLocationAndWritesAreRefusedClearly() throws Exception {
    try (URLClassLoader loader =
        new URLClassLoader(new URL[] {classesDir("migrations").toUri().toURL()}, null)) {
      assertThatThrownBy(
              () ->
                  Migrations.builder()
                      .scriptLocation("classpath:db/migrations")
                      .modelClassLoader(loader)
                      .build())
          .isInstanceOf(MigrationException.class)
          .hasMessageContaining("no classpath:db/migrations on the class path")
          .hasMessageContaining("src/main/resources/db/migrations/versions/");
      Migrations m =
          Migrations.builder()
              .scriptLocation("classpath:migrations")
              .modelClassLoader(loader)
              .build();
      assertThatThrownBy(() -> m.init(false))
          .isInstanceOf(MigrationException.class)
          .hasMessageContaining("read-only");
      assertThatThrownBy(
              () ->
                  m.scripts()
                      .write(
                          new RevisionDraft(
                              "cccccccccc03",
                              List.of("bbbbbbbbbbb2"),
                              "x",
                              Instant.now(),
                              List.of(),
                              List.of())))
          .isInstanceOf(MigrationException.class)
          .hasMessageContaining("read-only");
      assertThat(m.heads()).extracting(Revision::id).containsExactly("bbbbbbbbbbb2");
    }
  }
}
