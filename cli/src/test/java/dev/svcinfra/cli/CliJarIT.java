package dev.svcinfra.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged {@code svc-infra.jar} as a user runs it: small, knows its version, keeps HikariCP
 * quiet unless asked, and loads the drivers it does not carry from a driver path.
 */
class CliJarIT {
  /** Issue 19: the jar used to be 194 MiB, mostly DuckDB's native libraries. */
  static final long MAX_BYTES = 25_000_000;

  final Path jar = Path.of(System.getProperty("cli.jar", "target/svc-infra.jar")).toAbsolutePath();

  @TempDir Path dir;

  @Test
  void theJarIsSmall() throws IOException {
    assertThat(Files.size(jar)).isLessThanOrEqualTo(MAX_BYTES);
  }

  @Test
  void versionIsTheOneItWasBuiltAs() throws Exception {
    Run run = run(Map.of(), "--version");
    assertThat(run.status).isZero();
    assertThat(run.out.strip()).isEqualTo("svc-infra " + System.getProperty("cli.version"));
  }

  @Test
  void hikariStaysQuietUnlessAskedWithV() throws Exception {
    String url = "sqlite:///" + dir.resolve("app.db");
    Run quiet = run(Map.of(), "sql", "current", "--database-url", url, "--script-location", init());
    assertThat(quiet.status).as(quiet.err).isZero();
    assertThat(quiet.err).doesNotContain("com.zaxxer.hikari");
    Run verbose =
        run(Map.of(), "sql", "current", "--database-url", url, "--script-location", init(), "-v");
    assertThat(verbose.status).as(verbose.err).isZero();
    assertThat(verbose.err).contains("com.zaxxer.hikari").contains("Start completed");
  }

  @Test
  void driversItDoesNotCarryComeFromTheDriverPath() throws Exception {
    Path drivers = Files.createDirectories(dir.resolve("drivers"));
    Path h2 =
        Path.of(org.h2.Driver.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Files.copy(h2, drivers.resolve(h2.getFileName()));
    String url = "jdbc:h2:file:" + dir.resolve("h2db");

    Run without = current(Map.of(), url);
    assertThat(without.status).isNotZero();
    assertThat(without.err)
        .contains("org.h2.Driver")
        .contains("--driver-path DIR or SVC_INFRA_DRIVERS");

    for (Run with :
        List.of(
            current(Map.of(), url, "--driver-path", drivers.toString()),
            current(Map.of("SVC_INFRA_DRIVERS", drivers.toString()), url))) {
      assertThat(with.status).as(with.err).isZero();
      assertThat(with.out).contains("<base> (nothing applied)");
    }
  }

  /** {@code svc-infra [leading...] sql current --database-url URL} in a fresh project. */
  private Run current(Map<String, String> env, String url, String... leading) throws Exception {
    List<String> args = new ArrayList<>(List.of(leading));
    args.addAll(List.of("sql", "current", "--database-url", url, "--script-location", init()));
    return run(env, args.toArray(String[]::new));
  }

  private String init() throws Exception {
    Path location = dir.resolve("migrations");
    if (!Files.exists(location)) {
      Run init = run(Map.of(), "sql", "init", "--script-location", location.toString());
      assertThat(init.status).as(init.err).isZero();
    }
    return location.toString();
  }

  private Run run(Map<String, String> env, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(jar.toString());
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("SVC_INFRA_") || k.startsWith("SQL_"));
    pb.environment().putAll(env);
    Path out = dir.resolve("out.txt");
    Path err = dir.resolve("err.txt");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process p = pb.start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("svc-infra " + String.join(" ", args) + " did not end in 60 s");
    }
    return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
  }

  private record Run(int status, String out, String err) {}
}
