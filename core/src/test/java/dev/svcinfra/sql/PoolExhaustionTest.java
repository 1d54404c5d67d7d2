package dev.svcinfra.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.svcinfra.ErrorCode;
import dev.svcinfra.config.DatabaseSettings;
import dev.svcinfra.config.PoolSettings;
import dev.svcinfra.config.internal.TimeoutSettings;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class PoolExhaustionTest extends DatabaseSuite {

  @Test
  void aBusyPoolRaisesPoolExhaustedNamingSizeWaitAndSettings() throws InterruptedException {
    Database db =
        open(
            TestDatabase.POSTGRESQL,
            s -> s.withPool(s.pool().withSize(1).withTimeout(Duration.ofMillis(300))));
    db.useTransaction(
        outer -> {
          long start = System.nanoTime();
          // Another thread: the same thread would join the running transaction instead.
          Throwable[] failure = new Throwable[1];
          Thread t =
              new Thread(
                  () -> {
                    try {
                      db.useTransaction(inner -> inner.query("SELECT 1", rs -> 1));
                    } catch (Throwable e) {
                      failure[0] = e;
                    }
                  });
          t.start();
          t.join();
          assertThat(failure[0])
              .isInstanceOfSatisfying(
                  PoolExhaustedException.class,
                  e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.POOL_EXHAUSTED);
                    assertThat(e.poolSize()).isEqualTo(1);
                    assertThat(e.getMessage())
                        .contains("all 1 connections", "300 ms", "DB_POOL_SIZE", "DB_POOL_TIMEOUT");
                  });
          assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        });
    List<Integer> one = db.inTransaction(tx -> tx.query("SELECT 1", rs -> rs.getInt(1)));
    assertThat(one).containsExactly(1);
  }

  @Test
  void anUnreachableServerIsUnavailableNotExhausted() {
    Database db =
        track(
            Database.open(
                dev.svcinfra.config.DatabaseSettings.of(
                        "postgresql://nobody@127.0.0.1:1/none?sslmode=disable")
                    .withPool(
                        dev.svcinfra.config.PoolSettings.defaults()
                            .withTimeout(Duration.ofMillis(500)))));
    assertThatThrownBy(() -> db.useTransaction(tx -> {}))
        .isInstanceOf(DatabaseUnavailableException.class)
        .isNotInstanceOf(PoolExhaustedException.class)
        .extracting("code")
        .isEqualTo(ErrorCode.DATABASE_UNAVAILABLE);
  }

  @Test
  void aServerThatNeverAnswersIsUnavailableNotExhausted() throws Exception {
    List<Socket> held = new CopyOnWriteArrayList<>();
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread acceptor =
          new Thread(
              () -> {
                try {
                  while (true) {
                    held.add(silent.accept()); // accept, then say nothing
                  }
                } catch (IOException closed) {
                  // the test is over
                }
              });
      acceptor.setDaemon(true);
      acceptor.start();
      // The pool's attempt outlives the wait: no connection exists, so none can be busy.
      Database db =
          track(
              Database.open(
                  DatabaseSettings.of(
                          "postgresql://nobody@127.0.0.1:"
                              + silent.getLocalPort()
                              + "/none?sslmode=disable")
                      .withPool(PoolSettings.defaults().withTimeout(Duration.ofMillis(500)))
                      .withTimeouts(
                          TimeoutSettings.defaults().withConnect(Duration.ofSeconds(2)))));
      assertThatThrownBy(db::connection)
          .isInstanceOf(DatabaseUnavailableException.class)
          .isNotInstanceOf(PoolExhaustedException.class)
          .hasMessageContaining("no connection within 500 ms")
          .extracting("code")
          .isEqualTo(ErrorCode.DATABASE_UNAVAILABLE);
    } finally {
      for (Socket s : held) {
        s.close();
      }
    }
  }
}
