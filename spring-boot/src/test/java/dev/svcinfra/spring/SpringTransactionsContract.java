package dev.svcinfra.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.svcinfra.spring.SvcInfraMigrationsAutoConfiguration.Migrated;
import dev.svcinfra.spring.internal.MigrationsEndpoint;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.UnexpectedRollbackException;

/**
 * What every dialect's {@code @SpringBootTest} proves: the application starts migrated to head, and
 * a {@code @Transactional} method writing through both JdbcTemplate and a SqlRepository commits
 * both or rolls both back. Subclasses give the database.
 */
abstract class SpringTransactionsContract {
  private static final AtomicLong IDS = new AtomicLong(1);

  @Autowired TestApp.NoteService service;
  @Autowired Migrated migrated;
  @Autowired MigrationsEndpoint endpoint;

  @Test
  void theApplicationStartedMigratedToHead() {
    assertThat(migrated.migrations()).isPresent();
    Map<String, Object> report = endpoint.migrations();
    assertThat(report.get("current")).isEqualTo(List.of("b2c3d4e5f6a7"));
    assertThat(report.get("pending")).isEqualTo(List.of());
    assertThat(report.get("at_head")).isEqualTo(true);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> revisions = (List<Map<String, Object>>) report.get("revisions");
    assertThat(revisions).extracting(r -> r.get("state")).containsOnly("applied");
    assertThat(revisions)
        .extracting(r -> r.get("revision"))
        .containsExactlyInAnyOrder("a1b2c3d4e5f6", "b2c3d4e5f6a7");
  }

  @Test
  void oneTransactionCommitsBothWrites() {
    long notes = service.count("notes");
    long audit = service.count("audit");
    service.writeBoth(IDS.incrementAndGet(), false);
    assertThat(service.count("notes")).isEqualTo(notes + 1);
    assertThat(service.count("audit")).isEqualTo(audit + 1);
  }

  @Test
  void oneTransactionRollsBackBothWrites() {
    long notes = service.count("notes");
    long audit = service.count("audit");
    assertThatThrownBy(() -> service.writeBoth(IDS.incrementAndGet(), true))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("fail after both writes");
    assertThat(service.count("notes")).isEqualTo(notes);
    assertThat(service.count("audit")).isEqualTo(audit);
  }

  @Test
  void aBlockMarkedRollbackOnlyRollsBackTheSpringTransaction() {
    long notes = service.count("notes");
    long audit = service.count("audit");
    assertThatThrownBy(() -> service.markedRollbackOnly(IDS.incrementAndGet()))
        .isInstanceOf(UnexpectedRollbackException.class);
    assertThat(service.count("notes")).isEqualTo(notes);
    assertThat(service.count("audit")).isEqualTo(audit);
  }
}
