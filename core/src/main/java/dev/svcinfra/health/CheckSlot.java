package dev.svcinfra.health;

import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A registered check and its run in progress. Concurrent callers (a readiness probe and a
 * dashboard, say) share one run instead of starting one each, and a run that never returns keeps
 * the check at one busy thread: later callers join it and time out, instead of piling up a thread
 * per probe.
 */
final class CheckSlot {
  private static final Logger LOG = LoggerFactory.getLogger(HealthRegistry.class);

  private final CheckRegistration registration;
  private CheckRun running; // guarded by this
  private HealthStatus lastStatus; // guarded by this

  CheckSlot(CheckRegistration registration) {
    this.registration = registration;
  }

  CheckRegistration registration() {
    return registration;
  }

  /** Starts a run on {@code executor}, or returns the one still in progress. */
  synchronized CheckRun start(Executor executor) {
    if (running == null || running.isDone()) {
      CheckRun run = new CheckRun(registration.check());
      executor.execute(run);
      running = run;
    }
    return running;
  }

  /** Logs when the status changes, so a flapping dependency shows up once per change. */
  synchronized void record(CheckReport report) {
    if (report.status() == lastStatus) {
      return;
    }
    String reason = report.message().map(m -> ": " + m).orElse("");
    if (report.status() == HealthStatus.HEALTHY) {
      LOG.info("health check '{}' is healthy", registration.name());
    } else {
      LOG.warn(
          "health check '{}' is {}{}", registration.name(), report.status().wireName(), reason);
    }
    lastStatus = report.status();
  }
}
