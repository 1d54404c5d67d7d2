package dev.svcinfra.cli;

import dev.svcinfra.mongo.MongoConnection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code svc-infra mongo ping [--json]}: exit 0 when the server of {@code MONGO_URL} answers for
 * {@code MONGO_DB} within {@code --timeout}, 1 otherwise, saying why (a refused connection is
 * reported at once, not at the timeout).
 */
@Command(
    name = "ping",
    mixinStandardHelpOptions = true,
    description = "Ping MongoDB (MONGO_URL, MONGO_DB): exit 0 when it answers, 1 otherwise.")
final class MongoPingCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin MongoOptions mongo;

  @Option(
      names = "--json",
      description =
          "Print {\"ok\",\"url\",\"database\",\"latency_ms\"}, and \"error\" when not ok.")
  boolean json;

  @Override
  public Integer call() {
    CliContext context = CliContext.of(spec);
    try (MongoConnection connection = mongo.open(context)) {
      long start = System.nanoTime();
      Optional<String> failure = connection.pingFailure(mongo.timeoutMillis());
      long millis = (System.nanoTime() - start) / 1_000_000;
      String url = connection.settings().maskedUrl();
      String database = connection.settings().database();
      if (json) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("ok", failure.isEmpty());
        doc.put("url", url);
        doc.put("database", database);
        doc.put("latency_ms", millis);
        failure.ifPresent(reason -> doc.put("error", reason));
        Json.print(context.out(), doc);
      } else if (failure.isEmpty()) {
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
                    + ") did not answer: "
                    + failure.get());
      }
      return failure.isEmpty() ? SvcInfraCli.OK : SvcInfraCli.FAILURE;
    }
  }
}
