package dev.svcinfra.cli;

import dev.svcinfra.mongo.MongoConnection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code svc-infra mongo ping [--json]}: exit 0 when the server of {@code MONGO_URL} answers for
 * {@code MONGO_DB} within {@code --timeout}, 1 otherwise.
 */
@Command(
    name = "ping",
    mixinStandardHelpOptions = true,
    description = "Ping MongoDB (MONGO_URL, MONGO_DB): exit 0 when it answers, 1 otherwise.")
final class MongoPingCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin MongoOptions mongo;

  @Option(names = "--json", description = "Print {\"ok\",\"url\",\"database\",\"latency_ms\"}.")
  boolean json;

  @Override
  public Integer call() {
    CliContext context = CliContext.of(spec);
    try (MongoConnection connection = mongo.open(context)) {
      long start = System.nanoTime();
      boolean ok = connection.ping();
      long millis = (System.nanoTime() - start) / 1_000_000;
      String url = connection.settings().maskedUrl();
      String database = connection.settings().database();
      if (json) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("ok", ok);
        doc.put("url", url);
        doc.put("database", database);
        doc.put("latency_ms", millis);
        Json.print(context.out(), doc);
      } else if (ok) {
        context
            .out()
            .println(
                "MongoDB " + url + " (database " + database + ") answered in " + millis + " ms");
      } else {
        context
            .err()
            .println(
                "error: MongoDB "
                    + url
                    + " (database "
                    + database
                    + ") did not answer within "
                    + mongo.timeoutMillis()
                    + " ms");
      }
      return ok ? SvcInfraCli.OK : SvcInfraCli.FAILURE;
    }
  }
}
