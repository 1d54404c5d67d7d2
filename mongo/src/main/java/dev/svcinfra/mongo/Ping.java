package dev.svcinfra.mongo;

import com.mongodb.MongoTimeoutException;
import com.mongodb.client.MongoDatabase;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@code ping} command, answering why it failed instead of throwing. */
final class Ping {
  private static final Logger LOG = LoggerFactory.getLogger(Ping.class);
  private static final long POLL_MILLIS = 20;

  private Ping() {}

  /**
   * Empty when the server answered {@code ok: 1}; otherwise a short reason in our words (driver
   * messages list hosts and may quote the connection string).
   */
  static Optional<String> failure(MongoDatabase database) {
    try {
      Document reply = database.runCommand(new Document("ping", 1));
      if (reply.get("ok") instanceof Number ok && ok.doubleValue() == 1.0) {
        return Optional.empty();
      }
      return Optional.of("ping answered without ok: 1");
    } catch (RuntimeException e) {
      LOG.debug("MongoDB ping failed: {}", e.getClass().getSimpleName());
      return Optional.of(
          e instanceof MongoTimeoutException
              ? "no server answered in time"
              : ReachabilityWatch.describe(e));
    }
  }

  /**
   * Like {@link #failure(MongoDatabase)}, bounded by {@code timeoutMillis}, and over as soon as
   * {@code watch} sees every server refuse: the driver would go on selecting a server until the
   * timeout even when the only host refused at once.
   */
  static Optional<String> failure(
      MongoDatabase database, ReachabilityWatch watch, long timeoutMillis) {
    MongoDatabase bounded = database.withTimeout(timeoutMillis, TimeUnit.MILLISECONDS);
    CompletableFuture<Optional<String>> ping = new CompletableFuture<>();
    Thread runner = new Thread(() -> ping.complete(failure(bounded)), "svc-infra-mongo-ping");
    runner.setDaemon(true);
    runner.start();
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    while (true) {
      try {
        return ping.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
      } catch (TimeoutException stillWaiting) {
        Optional<String> refused = watch.unreachable();
        if (refused.isPresent()) {
          return refused;
        }
        if (System.nanoTime() > deadline) {
          return Optional.of("no server answered within " + timeoutMillis + " ms");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Optional.of("interrupted");
      } catch (ExecutionException e) {
        return Optional.of(ReachabilityWatch.describe(e.getCause()));
      }
    }
  }
}
