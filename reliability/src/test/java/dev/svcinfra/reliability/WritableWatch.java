package dev.svcinfra.reliability;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Polls a server every 20 ms from the moment it is started until it takes writes ({@code
 * pg_is_in_recovery()} false), and tells when that first was.
 */
final class WritableWatch {
  private final CompletableFuture<Long> writable = new CompletableFuture<>();

  private WritableWatch(PgNode node) {
    Thread t =
        new Thread(
            () -> {
              while (!writable.isDone()) {
                if (node.writable()) {
                  writable.complete(System.nanoTime());
                  return;
                }
                DatabaseOutageTest.sleep(20);
              }
            },
            "writable-watch-" + node.name());
    t.setDaemon(true);
    t.start();
  }

  static WritableWatch start(PgNode node) {
    return new WritableWatch(node);
  }

  /** The {@link System#nanoTime()} at which the server was first seen taking writes. */
  long await(Duration limit) throws Exception {
    try {
      return writable.get(limit.toMillis(), TimeUnit.MILLISECONDS);
    } finally {
      writable.complete(Long.MAX_VALUE);
    }
  }
}
