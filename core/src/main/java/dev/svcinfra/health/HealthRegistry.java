package dev.svcinfra.health;

import dev.svcinfra.ErrorCode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The named dependency checks of a service, run concurrently with one timeout each, aggregated into
 * one status for liveness, readiness and startup probes.
 *
 * <pre>{@code
 * HealthRegistry registry = new HealthRegistry()
 *     .add("database", DatabaseCheck.of(db))                  // critical, 5 s timeout
 *     .add("redis", RedisCheck.of(redisUrl), false, Duration.ofSeconds(2));
 * registry.waitUntilHealthy(Duration.ofSeconds(60), Duration.ofSeconds(2));
 * HealthReport report = registry.checkAll();
 * }</pre>
 *
 * <p>Each check runs on a thread of the registry's own pool and is waited for at most its own
 * timeout, counted from the moment the call started, so {@link #checkAll()} takes as long as the
 * slowest check's timeout, never the sum. A check that throws is unhealthy with the exception's
 * message (passwords in URLs masked); one that outlives its timeout is unhealthy and is
 * interrupted. Callers arriving while a check is still running share that run.
 *
 * <p>Thread-safe. {@link #close()} stops the worker threads; the pool's threads are daemons and
 * idle ones end after a minute, so a registry that lives as long as the process needs no close.
 *
 * @since 0.1
 */
public final class HealthRegistry implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HealthRegistry.class);
  private static final AtomicInteger THREADS = new AtomicInteger();

  private final Map<String, CheckSlot> slots = new LinkedHashMap<>(); // guarded by this
  private final ExecutorService executor = Executors.newCachedThreadPool(daemonThreads());
  private volatile HealthReport startupReport;

  private static ThreadFactory daemonThreads() {
    return task -> {
      Thread t = new Thread(task, "svc-infra-health-" + THREADS.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /** Adds a critical check with the default timeout (5 s). */
  public HealthRegistry add(String name, HealthCheck check) {
    return add(name, check, true);
  }

  /** Adds a check with the default timeout (5 s). */
  public HealthRegistry add(String name, HealthCheck check, boolean critical) {
    return add(name, check, critical, CheckRegistration.DEFAULT_TIMEOUT);
  }

  /**
   * Adds a check.
   *
   * @throws HealthException {@code health_check_duplicate} when the name is taken, {@code
   *     health_check_invalid} for a bad name or a timeout that is not positive
   */
  public HealthRegistry add(String name, HealthCheck check, boolean critical, Duration timeout) {
    CheckRegistration registration = new CheckRegistration(name, check, critical, timeout);
    synchronized (this) {
      if (slots.containsKey(name)) {
        throw new HealthException(
            ErrorCode.HEALTH_CHECK_DUPLICATE,
            "a health check named '" + name + "' is already registered");
      }
      slots.put(name, new CheckSlot(registration));
    }
    return this;
  }

  /** Removes the check named {@code name}; false when there was none. */
  public synchronized boolean remove(String name) {
    return slots.remove(name) != null;
  }

  /** Removes every check. */
  public synchronized void clear() {
    slots.clear();
  }

  /** The registered checks, in registration order. */
  public synchronized List<CheckRegistration> list() {
    List<CheckRegistration> out = new ArrayList<>(slots.size());
    slots.values().forEach(s -> out.add(s.registration()));
    return out;
  }

  /**
   * Runs one check.
   *
   * @throws HealthException {@code health_check_unknown} when no check has that name
   */
  public CheckReport checkOne(String name) {
    return run(slots(name), Long.MAX_VALUE).checks().get(0);
  }

  /** Runs every check concurrently and aggregates them. */
  public HealthReport checkAll() {
    return run(slots(), Long.MAX_VALUE);
  }

  /**
   * Runs the named checks (every check when none are named) concurrently and aggregates them.
   *
   * @throws HealthException {@code health_check_unknown} naming the first unknown name
   */
  public HealthReport check(String... names) {
    return run(slots(names), Long.MAX_VALUE);
  }

  /**
   * For a startup probe: the report of the first time every check passed (healthy or degraded),
   * kept from then on; until then, a fresh {@link #checkAll()}. Once a service has started, a later
   * outage is the readiness probe's business, not a reason to restart it.
   */
  public HealthReport startup() {
    HealthReport started = startupReport;
    if (started != null) {
      return started;
    }
    HealthReport report = checkAll();
    if (report.passing()) {
      startupReport = report;
    }
    return report;
  }

  /**
   * Polls the named checks (all when none are named) every {@code interval} until they pass
   * (healthy or degraded) or {@code timeout} has elapsed. No attempt runs past the deadline: each
   * check is waited for at most its timeout or the time left, whichever is shorter. Succeeding over
   * all checks also completes the {@link #startup()} probe.
   *
   * @return whether they passed, and the last report saying which checks still failed
   * @throws HealthException for an unknown name or a timeout or interval that is not positive
   */
  public WaitReport waitUntilHealthy(Duration timeout, Duration interval, String... names) {
    requirePositive("timeout", timeout);
    requirePositive("interval", interval);
    List<CheckSlot> selected = slots(names);
    long started = System.nanoTime();
    long deadline = started + timeout.toNanos();
    int attempts = 0;
    while (true) {
      attempts++;
      HealthReport report = run(selected, deadline);
      long now = System.nanoTime();
      Duration waited = Duration.ofNanos(now - started);
      if (report.passing()) {
        if (names.length == 0) {
          startupReport = report;
        }
        WaitReport done = new WaitReport(true, attempts, waited, report);
        LOG.info("health checks {}", done.summary());
        return done;
      }
      long left = deadline - now;
      // An attempt that would start at the deadline has no time left to run its checks: wait
      // out the deadline and report this attempt instead.
      boolean last = left <= interval.toNanos();
      if (left <= 0 || !sleep(Math.min(interval.toNanos(), left)) || last) {
        WaitReport failed =
            new WaitReport(false, attempts, Duration.ofNanos(System.nanoTime() - started), report);
        LOG.warn("health checks {}", failed.summary());
        return failed;
      }
      LOG.info(
          "waiting for health checks ({} s left): {}",
          TimeUnit.NANOSECONDS.toSeconds(deadline - System.nanoTime()),
          new WaitReport(false, attempts, waited, report).summary());
    }
  }

  /** Stops the worker threads; checks still running are interrupted. */
  @Override
  public void close() {
    executor.shutdownNow();
  }

  /** Starts every selected check, then waits for each until its own deadline. */
  private HealthReport run(List<CheckSlot> selected, long overallDeadline) {
    long called = System.nanoTime();
    List<CheckRun> runs = new ArrayList<>(selected.size());
    for (CheckSlot slot : selected) {
      try {
        runs.add(slot.start(executor));
      } catch (RejectedExecutionException e) {
        throw new IllegalStateException("this health registry is closed", e);
      }
    }
    List<CheckReport> reports = new ArrayList<>(selected.size());
    for (int i = 0; i < selected.size(); i++) {
      CheckSlot slot = selected.get(i);
      long own = called + slot.registration().timeout().toNanos();
      // Compare as differences: nanoTime values may wrap around.
      long deadline = own - overallDeadline < 0 ? own : overallDeadline;
      CheckReport report = runs.get(i).await(slot.registration(), called, deadline);
      slot.record(report);
      reports.add(report);
    }
    return HealthReport.of(reports);
  }

  private synchronized List<CheckSlot> slots(String... names) {
    if (names.length == 0) {
      return new ArrayList<>(slots.values());
    }
    List<CheckSlot> out = new ArrayList<>(names.length);
    for (String name : names) {
      CheckSlot slot = slots.get(name);
      if (slot == null) {
        throw new HealthException(
            ErrorCode.HEALTH_CHECK_UNKNOWN,
            "no health check named '"
                + name
                + "'; registered: "
                + (slots.isEmpty() ? "none" : String.join(", ", slots.keySet())));
      }
      if (!out.contains(slot)) {
        out.add(slot);
      }
    }
    return out;
  }

  private static void requirePositive(String what, Duration value) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw new HealthException(
          ErrorCode.HEALTH_CHECK_INVALID, "the " + what + " must be positive, got " + value);
    }
  }

  /** Sleeps; false when interrupted (the flag is restored so the caller's caller sees it). */
  private static boolean sleep(long nanos) {
    try {
      TimeUnit.NANOSECONDS.sleep(nanos);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public String toString() {
    return "HealthRegistry"
        + Arrays.toString(list().stream().map(CheckRegistration::name).toArray());
  }
}
