package dev.svcinfra.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.svcinfra.config.internal.DatabaseUrlResolver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A {@code .env} file: its values apply under the process's own, and a bad line is named. */
class DotEnvFileTest {
  @TempDir Path dir;

  @Test
  void dotEnvValuesApplyButProcessVariablesWin() throws IOException {
    Path file =
        Files.writeString(
            dir.resolve(".env"),
            """
            # comment
            export DATABASE_URL="postgresql://from-dotenv/db"
            SQL_URL='postgresql://dotenv-sql/db'
            DB_POOL_SIZE=7 # inline comment\
            """);
    Env dotenv = DotEnvFile.read(file).asEnv();
    Env process = Env.of(Map.of("SQL_URL", "postgresql://process/db"));
    Env combined = process.orElse(dotenv);
    assertThat(DatabaseUrlResolver.resolve(combined).url().host().orElseThrow().host())
        .isEqualTo("process");
    assertThat(DatabaseUrlResolver.resolve(dotenv).url().host().orElseThrow().host())
        .isEqualTo("dotenv-sql");
    assertThat(combined.get("DB_POOL_SIZE")).contains("7");
    assertThat(DotEnvFile.findFrom(Files.createDirectories(dir.resolve("a/b"))))
        .map(DotEnvFile::path)
        .contains(file);
  }

  @Test
  void malformedDotEnvLineIsNamed() throws IOException {
    Path file = Files.writeString(dir.resolve(".env"), "OK=1\nthis is not a setting\n");
    assertThatThrownBy(() -> DotEnvFile.read(file))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("line 2");
  }
}
