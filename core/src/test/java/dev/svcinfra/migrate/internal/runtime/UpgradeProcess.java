package dev.svcinfra.migrate.internal.runtime;

import dev.svcinfra.migrate.Migrations;
import dev.svcinfra.sql.Database;
import java.nio.file.Path;

/** A separate JVM running {@code upgrade head}: {@code UpgradeProcess URL SCRIPT_DIR}. */
public final class UpgradeProcess {
  private UpgradeProcess() {}

  public static void main(String[] args) {
    try (Database db = Database.open(args[0])) {
      Migrations.builder().database(db).scriptLocation(Path.of(args[1])).build().upgrade();
    } catch (RuntimeException e) {
      e.printStackTrace();
      System.exit(1);
    }
    System.exit(0);
  }

  /** Starts the process with this JVM's classpath; output goes to {@code log}. */
  static Process start(String url, Path scripts, Path log) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(
            java,
            "-Xmx128m",
            "-XX:TieredStopAtLevel=1",
            "-cp",
            System.getProperty("java.class.path"),
            UpgradeProcess.class.getName(),
            url,
            scripts.toString())
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
  }
}
