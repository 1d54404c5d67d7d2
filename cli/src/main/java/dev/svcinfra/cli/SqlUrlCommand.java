package dev.svcinfra.cli;

import dev.svcinfra.config.DatabaseSettings;
import dev.svcinfra.config.ResolvedUrl;
import dev.svcinfra.sql.dialect.ConnectionOptions;
import dev.svcinfra.sql.dialect.Dialect;
import dev.svcinfra.sql.dialect.Dialects;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code svc-infra sql url [--json]}: the resolved URL (password masked), the JDBC URL (no
 * password), the dialect and the source that won. Connects to nothing.
 */
@Command(name = "url", mixinStandardHelpOptions = true,
    description = "Print the resolved database URL (masked), JDBC URL, dialect and source.")
final class SqlUrlCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin DatabaseOptions database;

  @Option(names = "--json", description = "Print {\"url\",\"jdbc_url\",\"dialect\",\"source\"}.")
  boolean json;

  @Override
  public Integer call() {
    CliContext context = CliContext.of(spec);
    DatabaseSettings settings = database.settings(context);
    ConnectionOptions options = new ConnectionOptions(settings.timeouts(), settings.tls());
    Map<String, Object> doc = describe(settings.primary(), options);
    settings.replica().ifPresent(r -> doc.put("replica", describe(r, options)));
    if (json) {
      Json.print(context.out(), doc);
    } else {
      print(context, doc, "");
    }
    return SvcInfraCli.OK;
  }

  private static Map<String, Object> describe(ResolvedUrl resolved, ConnectionOptions options) {
    Dialect dialect = Dialects.forUrl(resolved.url());
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("url", dialect.displayUrl(resolved.url(), true));
    doc.put("jdbc_url", dialect.connectionTarget(resolved.url(), options).jdbcUrl());
    doc.put("dialect", dialect.name());
    doc.put("source", resolved.source());
    return doc;
  }

  @SuppressWarnings("unchecked")
  private static void print(CliContext context, Map<String, Object> doc, String indent) {
    for (Map.Entry<String, Object> e : doc.entrySet()) {
      if (e.getValue() instanceof Map<?, ?> nested) {
        context.out().println(indent + e.getKey() + ":");
        print(context, (Map<String, Object>) nested, indent + "  ");
      } else {
        context.out().printf("%s%-9s %s%n", indent, e.getKey() + ":", e.getValue());
      }
    }
  }
}
