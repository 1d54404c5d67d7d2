package dev.svcinfra.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.svcinfra.config.ConfigException;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How {@code --driver-path} and {@code SVC_INFRA_DRIVERS} name driver jars. */
class DriverPathTest {
  @TempDir Path dir;

  @Test
  void theOptionBeatsTheVariableInBothSpellings() {
    Optional<String> env = Optional.of("/from/env");
    assertThat(DriverPath.requested(new String[] {"--driver-path", "/a", "sql", "url"}, env))
        .contains("/a");
    assertThat(DriverPath.requested(new String[] {"sql", "url", "--driver-path=/b"}, env))
        .contains("/b");
    assertThat(DriverPath.requested(new String[] {"sql", "url"}, env)).contains("/from/env");
    assertThat(DriverPath.requested(new String[] {"sql", "url"}, Optional.of("  "))).isEmpty();
    assertThat(DriverPath.requested(new String[] {"sql", "url"}, Optional.empty())).isEmpty();
  }

  @Test
  void argumentsAfterTheEndOfOptionsAreNotOptions() {
    assertThat(
            DriverPath.requested(
                new String[] {"sql", "upgrade", "--", "--driver-path", "/x"}, Optional.empty()))
        .isEmpty();
  }

  @Test
  void aDirectoryGivesItsJarsInNameOrderAndAJarGivesItself() throws Exception {
    Path drivers = Files.createDirectories(dir.resolve("drivers"));
    Files.writeString(drivers.resolve("b.jar"), "");
    Files.writeString(drivers.resolve("a.jar"), "");
    Files.writeString(drivers.resolve("README.txt"), "");
    Path single = Files.writeString(dir.resolve("c.jar"), "");
    assertThat(DriverPath.jars(drivers + File.pathSeparator + single, "--driver-path"))
        .containsExactly(drivers.resolve("a.jar"), drivers.resolve("b.jar"), single);
  }

  @Test
  void aMissingEntryOrAnEmptyDirectoryIsAConfigurationError() throws Exception {
    Path empty = Files.createDirectories(dir.resolve("empty"));
    assertThatThrownBy(() -> DriverPath.jars(empty.toString(), "SVC_INFRA_DRIVERS"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("SVC_INFRA_DRIVERS names '" + empty + "'")
        .hasMessageContaining("no .jar file");
    Path missing = dir.resolve("missing");
    assertThatThrownBy(() -> DriverPath.jars(missing.toString(), "--driver-path"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("neither a directory nor a .jar file");
  }
}
