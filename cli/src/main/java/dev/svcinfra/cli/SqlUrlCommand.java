package dev.svcinfra.cli;

import dev.svcinfra.config.DatabaseSettings;
import dev.svcinfra.config.DatabaseUrl;
import dev.svcinfra.config.internal.PoolerMode;
import dev.svcinfra.config.internal.ResolvedUrl;
import dev.svcinfra.sql.dialect.Dialect;
import dev.svcinfra.sql.dialect.Dialects;
import dev.svcinfra.sql.dialect.internal.ConnectionOptions;
import dev.svcinfra.sql.dialect.internal.ConnectionTarget;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code svc-infra sql url [--json]}: the resolved URL (password masked), the JDBC URL (no
 * password), the dialect, the source that won and the driver properties that carry parameters the
 * JDBC URL cannot (secrets masked); with a pooler ({@code DB_POOLER} or {@code pgbouncer=true}) its
 * mode as {@code pooler}, and a direct URL ({@code SQL_DIRECT_URL}, {@code DIRECT_URL}) described
 * as {@code direct}. Connects to nothing.
 */
@Command(
    name = "url",
    mixinStandardHelpOptions = true,
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
    ConnectionOptions options =
        new ConnectionOptions(settings.timeouts(), settings.tls())
            .withPooler(settings.pooler().mode());
    Map<String, Object> doc = describe(settings.primary(), options);
    if (settings.pooler().mode() != PoolerMode.NONE) {
      doc.put("pooler", settings.pooler().mode().settingValue());
    }
    settings.replica().ifPresent(r -> doc.put("replica", describe(r, options)));
    // The direct URL reaches the database itself, so its connections get no pooler workarounds.
    ConnectionOptions direct = new ConnectionOptions(settings.timeouts(), settings.tls());
    settings.pooler().direct().ifPresent(d -> doc.put("direct", describe(d, direct)));
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
    ConnectionTarget target = dialect.connectionTarget(resolved.url(), options);
    doc.put("jdbc_url", maskSecretParameters(target.jdbcUrl()));
    doc.put("dialect", dialect.name());
    doc.put("source", resolved.source());
    Map<String, Object> shown = shownProperties(target);
    if (!shown.isEmpty()) {
      doc.put("driver_properties", shown);
    }
    return doc;
  }

  /**
   * The driver properties that carry URL parameters the JDBC URL cannot hold unchanged ({@code
   * sessionVariables=wait_timeout=100}), so an operator sees every option the driver gets. The user
   * is in the URL already and the password never shows; a property whose name says it holds a
   * secret is masked.
   */
  private static Map<String, Object> shownProperties(ConnectionTarget target) {
    Map<String, Object> shown = new TreeMap<>();
    target
        .properties()
        .forEach(
            (name, value) -> {
              String lower = name.toLowerCase(Locale.ROOT);
              if (lower.equals("user") || lower.equals(ConnectionTarget.PASSWORD)) {
                return;
              }
              shown.put(name, DatabaseUrl.isSecretParameter(name) ? DatabaseUrl.MASK : value);
            });
    return shown;
  }

  /** A parameter of a JDBC URL ({@code ?a=b&c=d} or SQL Server's {@code ;a=b}). */
  private static final Pattern PARAMETER = Pattern.compile("([?&;])([^=?&;]+)=([^&;]*)");

  /** The JDBC URL with the values of parameters whose names say they hold a secret masked. */
  static String maskSecretParameters(String jdbcUrl) {
    Matcher m = PARAMETER.matcher(jdbcUrl);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(
          out,
          Matcher.quoteReplacement(
              DatabaseUrl.isSecretParameter(m.group(2))
                  ? m.group(1) + m.group(2) + "=" + DatabaseUrl.MASK
                  : m.group()));
    }
    return m.appendTail(out).toString();
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
