package dev.svcinfra.reliability;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs one step over and over on a thread of its own, pausing between steps, until stopped: the
 * steady reads or writes a test keeps going while it stops and starts servers.
 *
 * <pre>{@code
 * try (RepeatingTask writes = new RepeatingTask("writer", 20, () -> insertOne())) {
 *   writes.start(); ...; writes.stop();
 * }
 * }</pre>
 */
final class RepeatingTask implements AutoCloseable {
  private final String name;
  private final long pauseMillis;
  private final Runnable step;
  private final AtomicBoolean running = new AtomicBoolean();
  private Thread thread;

  RepeatingTask(String name, long pauseMillis, Runnable step) {
    this.name = name;
    this.pauseMillis = pauseMillis;
    this.step = step;
  }

  void start() {
    running.set(true);
    thread = new Thread(this::loop, name);
    thread.start();
  }

  private void loop() {
    while (running.get()) {
      step.run();
      try {
        Thread.sleep(pauseMillis);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** Lets the step under way finish and waits (bounded) for the thread to end. */
  void stop() throws InterruptedException {
    running.set(false);
    if (thread != null) {
      thread.join(10_000);
    }
  }

  @Override
  public void close() throws InterruptedException {
    stop();
  }
}
