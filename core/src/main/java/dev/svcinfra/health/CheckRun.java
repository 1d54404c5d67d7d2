package dev.svcinfra.health;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One execution of a check on a worker thread. Callers wait for it up to their own deadline; the
 * run itself is never abandoned while its thread is busy, so a check stuck in a call that ignores
 * interrupts occupies one thread, not one more per probe (see {@link CheckSlot}).
 */
final class CheckRun implements Runnable {
  private final HealthCheck check;
  private final long startedNanos = System.nanoTime();
  private final CompletableFuture<Finished> finished = new CompletableFuture<>();
  private Thread worker; // guarded by this

  private record Finished(CheckResult result, long nanos) {}

  CheckRun(HealthCheck check) {
    this.check = check;
  }

  @Override
  public void run() {
    synchronized (this) {
      worker = Thread.currentThread();
    }
    CheckResult result = CheckResult.unhealthy("the check failed without a message");
    Throwable fatal = null;
    try {
      result = check.check();
      if (result == null) {
        result = CheckResult.unhealthy("the check returned no result");
      }
    } catch (InterruptedException e) {
      result = CheckResult.unhealthy("interrupted after exceeding its timeout");
    } catch (Throwable e) {
      String text = e.getMessage();
      if (text != null && !text.isBlank()) {
        result = CheckResult.unhealthy(SecretMask.apply(text));
      }
      // The run must still complete (below), or every later caller would join a run that
      // never ends; errors the JVM cannot recover from are passed on afterwards.
      fatal = e instanceof VirtualMachineError ? e : null;
    } finally {
      synchronized (this) {
        worker = null;
      }
      // An interrupt aimed at this run must not leak into the pool thread's next task.
      Thread.interrupted();
      finished.complete(new Finished(result, System.nanoTime() - startedNanos));
    }
    if (fatal instanceof VirtualMachineError error) {
      throw error;
    }
  }

  boolean isDone() {
    return finished.isDone();
  }

  /**
   * The report of this run, waiting until {@code deadlineNanos} ({@link System#nanoTime()} scale)
   * at most; an unhealthy "timed out" report when the run has not finished by then.
   */
  CheckReport await(CheckRegistration registration, long calledNanos, long deadlineNanos) {
    try {
      long wait = Math.max(0, deadlineNanos - System.nanoTime());
      Finished done = finished.get(wait, TimeUnit.NANOSECONDS);
      return CheckReport.of(registration, done.result(), millis(done.nanos()));
    } catch (TimeoutException e) {
      interrupt();
      long waited = millis(System.nanoTime() - calledNanos);
      String message = "'" + registration.name() + "' timed out after " + waited + " ms";
      long runningFor = millis(System.nanoTime() - startedNanos);
      if (startedNanos < calledNanos && runningFor > waited) {
        message += "; its previous run has not returned for " + runningFor + " ms";
      }
      return CheckReport.of(registration, CheckResult.unhealthy(message), waited);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return CheckReport.of(
          registration,
          CheckResult.unknown("not determined: the caller was interrupted"),
          millis(System.nanoTime() - calledNanos));
    } catch (ExecutionException e) {
      // run() completes normally in every case; reaching here is a bug in this class.
      throw new IllegalStateException("health check run failed unexpectedly", e.getCause());
    }
  }

  /** Asks a run that outlived its timeout to stop; checks blocked in sleeps or waits do. */
  private synchronized void interrupt() {
    if (worker != null) {
      worker.interrupt();
    }
  }

  private static long millis(long nanos) {
    return TimeUnit.NANOSECONDS.toMillis(nanos);
  }
}
