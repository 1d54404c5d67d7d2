package dev.svcinfra.sql.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import dev.svcinfra.config.ModelDiscoverySettings;
import dev.svcinfra.sql.model.ModelRegistry;
import dev.svcinfra.sql.model.internal.Table;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The idempotency keys' table reaches autogenerate the two ways docs/web.md names: given in code
 * ({@link IdempotencyRecord#table()}), or discovered by its package through a class loader like the
 * CLI's {@code --classpath} one, whose parent holds the library.
 */
class IdempotencyRecordDiscoveryTest {
  @Test
  void thePackageHoldsExactlyTheTable() throws Exception {
    try (URLClassLoader cli = new URLClassLoader(new URL[0], getClass().getClassLoader())) {
      List<Table> found =
          ModelRegistry.discover(
                  ModelDiscoverySettings.of(List.of("dev.svcinfra.sql.idempotency")), cli)
              .tables();
      assertThat(found).containsExactly(IdempotencyRecord.table());
    }
    Table t = IdempotencyRecord.table();
    assertThat(t.name()).isEqualTo(IdempotencyRecord.TABLE);
    assertThat(t.primaryKey()).containsExactly("key_hash");
    assertThat(t.columns().stream().map(c -> c.name()))
        .containsExactly(
            "key_hash",
            "request_hash",
            "claim",
            "locked_until",
            "expires_at",
            "response_status",
            "response_headers",
            "response_body",
            "created_at");
  }
}
