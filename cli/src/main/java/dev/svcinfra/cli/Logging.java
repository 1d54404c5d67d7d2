package dev.svcinfra.cli;

/**
 * The CLI's log levels. By default stderr carries our own messages and the libraries' warnings only
 * ({@code simplelogger.properties}); {@code -v} adds the libraries' INFO lines (HikariCP's pool
 * start and stop, the MongoDB driver's connections). System properties beat that file, and each
 * logger reads its level when it is first used, which is after the options are parsed.
 */
final class Logging {
  private static final String[] QUIET_BY_DEFAULT = {
    "com.zaxxer.hikari", "org.mongodb.driver", "dev.svcinfra.mongo"
  };

  private Logging() {}

  static void verbose() {
    for (String logger : QUIET_BY_DEFAULT) {
      System.setProperty("org.slf4j.simpleLogger.log." + logger, "info");
    }
  }
}
