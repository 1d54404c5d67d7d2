package dev.svcinfra.cli;

import dev.svcinfra.config.DatabaseSettings;
import dev.svcinfra.config.DatabaseUrl;
import dev.svcinfra.config.internal.ResolvedUrl;
import picocli.CommandLine.Option;

/** {@code --database-url}: beats every environment source. Mixed into database commands. */
final class DatabaseOptions {
  @Option(
      names = "--database-url",
      paramLabel = "URL",
      description = "Database URL; beats SQL_URL, DATABASE_URL and the other sources.")
  String databaseUrl;

  /** The settings for this run: the option's URL if given, else the environment's. */
  DatabaseSettings settings(CliContext context) {
    if (databaseUrl != null && !databaseUrl.isBlank()) {
      ResolvedUrl url = new ResolvedUrl(DatabaseUrl.parse(databaseUrl), "--database-url");
      return DatabaseSettings.from(url, context.env());
    }
    return DatabaseSettings.from(context.env());
  }
}
