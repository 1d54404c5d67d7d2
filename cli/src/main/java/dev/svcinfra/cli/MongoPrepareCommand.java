package dev.svcinfra.cli;

import dev.svcinfra.mongo.MongoConnection;
import dev.svcinfra.mongo.MongoIndex;
import dev.svcinfra.mongo.MongoIndexes;
import dev.svcinfra.mongo.MongoUnavailableException;
import dev.svcinfra.mongo.internal.MongoIndexFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code svc-infra mongo prepare [--indexes FILE] [--json]}: creates the indexes declared in a JSON
 * file (see {@link MongoIndexFile}); indexes already present are left alone. The file is read and
 * checked before any connection is made.
 */
@Command(
    name = "prepare",
    mixinStandardHelpOptions = true,
    description = "Create the MongoDB indexes declared in a JSON file (idempotent).")
final class MongoPrepareCommand implements Callable<Integer> {
  static final String DEFAULT_FILE = "mongo-indexes.json";

  @Spec CommandSpec spec;
  @Mixin MongoOptions mongo;

  @Option(
      names = "--indexes",
      paramLabel = "FILE",
      defaultValue = DEFAULT_FILE,
      description =
          "Index declarations (default ${DEFAULT-VALUE}): "
              + "{\"users\": [{\"fields\": [\"email\"], \"unique\": true}], ...}")
  Path indexFile;

  @Option(
      names = "--json",
      description = "Print one {\"collection\",\"name\",\"status\"} per index.")
  boolean json;

  @Override
  public Integer call() {
    CliContext context = CliContext.of(spec);
    List<MongoIndex> declared = MongoIndexFile.read(indexFile);
    try (MongoConnection connection = mongo.open(context)) {
      Optional<String> failure = connection.pingFailure(mongo.timeoutMillis());
      if (failure.isPresent()) {
        throw new MongoUnavailableException(
            "MongoDB "
                + connection.settings().maskedUrl()
                + " did not answer ("
                + failure.get()
                + "); no index was created",
            null);
      }
      List<MongoIndexes.Outcome> outcomes = MongoIndexes.ensure(connection.database(), declared);
      if (json) {
        List<Map<String, Object>> doc = new ArrayList<>();
        for (MongoIndexes.Outcome o : outcomes) {
          Map<String, Object> row = new LinkedHashMap<>();
          row.put("collection", o.index().collection());
          row.put("name", o.index().name());
          row.put("status", o.status().wireName());
          doc.add(row);
        }
        Json.print(context.out(), doc);
      } else {
        for (MongoIndexes.Outcome o : outcomes) {
          context.out().printf("%-8s %s%n", o.status().wireName(), o.index().describe());
        }
        if (outcomes.isEmpty()) {
          context.out().println("no indexes declared in " + indexFile);
        }
      }
      return SvcInfraCli.OK;
    }
  }
}
