package dev.svcinfra.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.svcinfra.config.Env;
import dev.svcinfra.config.internal.StatementLogSettings;
import dev.svcinfra.sql.internal.request.CurrentRequest;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

class StatementLogTest {
  final List<String> lines = new ArrayList<>();

  /** A logger at DEBUG that records "LEVEL message-with-arguments". */
  Logger recorder(boolean debug) {
    return (Logger)
        Proxy.newProxyInstance(
            getClass().getClassLoader(),
            new Class<?>[] {Logger.class},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "isDebugEnabled" -> debug;
                  case "debug", "warn" -> {
                    lines.add(
                        method.getName().toUpperCase(Locale.ROOT)
                            + " "
                            + args[0]
                            + " "
                            + (args.length > 1 ? Arrays.deepToString((Object[]) args[1]) : ""));
                    yield null;
                  }
                  default -> null;
                });
  }

  @Test
  void debugLinesCarryDurationRowsAndMaskedValues() {
    StatementLog log = new StatementLog(StatementLogSettings.defaults(), recorder(true));
    log.executed(
        "SELECT * FROM users WHERE email = ?", new Object[] {"secret@example.com"}, 2_500_000, 1);
    assertThat(lines)
        .singleElement()
        .satisfies(
            line -> {
              assertThat(line)
                  .startsWith("DEBUG ")
                  .contains("2.500", "SELECT * FROM users", "[***]");
              assertThat(line).doesNotContain("secret@example.com");
            });
  }

  @Test
  void bindValuesShowOnlyWhenAskedAndSlowStatementsWarn() {
    StatementLogSettings settings =
        StatementLogSettings.from(
            Env.of(Map.of("DB_LOG_BIND_VALUES", "true", "DB_SLOW_STATEMENT_MS", "50")));
    assertThat(settings.slowThreshold()).isEqualTo(Duration.ofMillis(50));
    StatementLog log = new StatementLog(settings, recorder(false));
    log.executed("SELECT 1", new Object[] {42}, 1_000_000, 1);
    assertThat(lines).isEmpty();
    log.executed("SELECT pg_sleep(?)", new Object[] {42}, 60_000_000, 1);
    assertThat(lines)
        .singleElement()
        .satisfies(
            line ->
                assertThat(line)
                    .startsWith("WARN slow statement")
                    .contains("60.000", "50", "[42]"));
  }

  @Test
  void aSlowStatementNamesTheRequestItRanFor() {
    StatementLogSettings settings =
        StatementLogSettings.defaults().withSlowThreshold(Duration.ofMillis(10));
    StatementLog log = new StatementLog(settings, recorder(false));
    CurrentRequest.enter("req-7f3a");
    try {
      log.executed("SELECT 1", new Object[0], 20_000_000, 1);
    } finally {
      CurrentRequest.leave();
    }
    log.executed("SELECT 2", new Object[0], 20_000_000, 1);
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0)).startsWith("WARN slow statement").contains("request req-7f3a");
    assertThat(lines.get(1)).startsWith("WARN slow statement").doesNotContain("request");
  }
}
