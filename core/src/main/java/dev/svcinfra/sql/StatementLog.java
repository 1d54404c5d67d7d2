package dev.svcinfra.sql;

import dev.svcinfra.config.internal.StatementLogSettings;
import dev.svcinfra.sql.internal.request.CurrentRequest;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs each statement on {@value Database#STATEMENT_LOGGER}: DEBUG with its duration, row count and
 * bind values (masked as {@code ***} unless {@code DB_LOG_BIND_VALUES=true}); WARN when it took at
 * least the slow threshold ({@code DB_SLOW_STATEMENT_MS}), naming the request it ran for when the
 * web layer announced one ({@link CurrentRequest}). Also tells the database's {@link
 * StatementListener}s.
 */
final class StatementLog {
  private final Logger log;
  private final StatementLogSettings settings;
  private final long slowNanos;
  private final StatementListeners listeners = new StatementListeners();

  StatementLog(StatementLogSettings settings) {
    this(settings, LoggerFactory.getLogger(Database.STATEMENT_LOGGER));
  }

  StatementLog(StatementLogSettings settings, Logger log) {
    this.log = log;
    this.settings = settings;
    this.slowNanos = settings.slowThreshold().toNanos();
  }

  StatementListeners listeners() {
    return listeners;
  }

  void executed(SqlStatement statement, long nanos, int rows) {
    listeners.finished(statement, nanos, rows, null);
    executed(statement.sql(), statement.values(), nanos, rows);
  }

  void failed(SqlStatement statement, long nanos, DatabaseException failure) {
    listeners.finished(statement, nanos, 0, failure);
    failed(statement.sql(), statement.values(), nanos, failure.code().wireName());
  }

  void executed(String sql, Object[] values, long nanos, int rows) {
    boolean slow = slowNanos > 0 && nanos >= slowNanos;
    if (!slow && !log.isDebugEnabled()) {
      return;
    }
    String millis = String.format("%.3f", nanos / 1_000_000.0);
    if (slow) {
      String request = CurrentRequest.id();
      log.warn(
          "slow statement ({} ms, threshold {} ms, {} rows{}): {} {}",
          millis,
          settings.slowThreshold().toMillis(),
          rows,
          request == null ? "" : ", request " + request,
          sql,
          binds(values));
    } else {
      log.debug("{} ms, {} rows: {} {}", millis, rows, sql, binds(values));
    }
  }

  void failed(String sql, Object[] values, long nanos, String reason) {
    if (log.isDebugEnabled()) {
      log.debug(
          "{} ms, failed ({}): {} {}",
          String.format("%.3f", nanos / 1_000_000.0),
          reason,
          sql,
          binds(values));
    }
  }

  private String binds(Object[] values) {
    if (values.length == 0) {
      return "";
    }
    if (settings.logBindValues()) {
      return Arrays.toString(values);
    }
    String[] masked = new String[values.length];
    Arrays.fill(masked, "***");
    return Arrays.toString(masked);
  }
}
