package dev.svcinfra.examples.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.svcinfra.testing.PgBouncer;
import dev.svcinfra.testing.TestServices;
import java.io.IOException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The whole HTTP contract on PostgreSQL through a PgBouncer in transaction pooling mode, the
 * service told so by the URL flag {@code pgbouncer=true} (issue 18). Migrations at start-up go
 * through the pooler as well, under the lease lock.
 */
class QuickstartPgBouncerTest extends QuickstartContract {
  private PgBouncer bouncer;

  @Override
  String newDatabaseUrl() {
    try {
      bouncer = PgBouncer.start(8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot start PgBouncer", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    return bouncer.url(TestServices.newPostgresDatabase()) + "&pgbouncer=true";
  }

  @Test
  void theServiceTalksToPgBouncerWithoutNamedServerStatements() {
    assertThat(service.db.jdbcUrl())
        .contains("127.0.0.1:" + bouncer.port() + "/")
        .contains("prepareThreshold=0")
        .doesNotContain("pgbouncer");
    assertThat(service.db.settings().keepsSessions()).isFalse();
  }

  @Override
  @AfterAll
  void stop() {
    try {
      super.stop();
    } finally {
      if (bouncer != null) {
        bouncer.close();
      }
    }
  }
}
