package dev.svcinfra.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.svcinfra.migrate.Revision;
import dev.svcinfra.testing.TestServices;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Item 5: eight quickstart processes start at the same moment against one empty database (on
 * PostgreSQL, then on MariaDB). All come up and serve; the migration ran exactly once.
 */
class ConcurrentDeployTest {
  private static final int PROCESSES = 8;
  private static final Map<String, Object> FIGURES = new LinkedHashMap<>();

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void eightProcessesOnOneEmptyPostgresDatabase(@TempDir Path work) throws Exception {
    deploy("PostgreSQL", TestServices.newPostgresDatabase(), work);
  }

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void eightProcessesOnOneEmptyMariadbDatabase(@TempDir Path work) throws Exception {
    deploy("MariaDB", TestServices.newMariadbDatabase(), work);
  }

  private void deploy(String server, String url, Path work) throws Exception {
    List<ServiceProcess> processes = new ArrayList<>();
    long start = System.nanoTime();
    try {
      for (int i = 0; i < PROCESSES; i++) {
        processes.add(
            ServiceProcess.quickstart(
                Map.of("SQL_URL", url, "DB_POOL_SIZE", "2"), work.resolve("p" + i)));
      }
      for (ServiceProcess p : processes) {
        p.awaitReady(Duration.ofMinutes(3));
      }
      long upMillis = Duration.ofNanos(System.nanoTime() - start).toMillis();
      int served = 0;
      for (int i = 0; i < PROCESSES; i++) {
        Http.Reply created =
            processes.get(i).http().post("/accounts", "{\"owner\":\"p" + i + "\",\"balance\":1}");
        assertThat(created.status()).as("process %d serves: %s", i, created).isEqualTo(201);
        served++;
      }
      List<Revision> revisions = QuickstartRevisions.inOrder();
      String from = "base";
      for (Revision r : revisions) {
        String line = "Running upgrade " + from + " -> " + r.id();
        long applied = processes.stream().filter(p -> p.output().contains(line)).count();
        assertThat(applied).as("processes that applied revision %s", r.id()).isEqualTo(1);
        from = r.id();
      }
      Pg pg = Pg.forUrl(url);
      assertThat(pg.rows("SELECT version_num FROM svc_infra_version"))
          .as("version table: one row at head")
          .containsExactly(List.of(from));
      assertThat(pg.queryLong("SELECT count(*) FROM accounts")).isEqualTo(PROCESSES);
      synchronized (FIGURES) {
        FIGURES.put(
            server,
            PROCESSES
                + " processes started at once, all ready in "
                + upMillis
                + " ms, "
                + served
                + " served a write, each of "
                + revisions.size()
                + " revisions applied by exactly one process"
                + ", version table: 1 row");
        ReliabilityReport.record(
            "5-concurrent-deploys",
            "5. Concurrent deploys",
            FIGURES,
            0,
            "Eight quickstart processes (`java -jar quickstart.jar`) start at the same moment "
                + "against one empty database. Asserted: all become ready and serve a write, "
                + "exactly one logs each revision's upgrade (the others wait for the migration "
                + "lock and find the head applied), and the version table holds one row at head.");
      }
    } finally {
      for (ServiceProcess p : processes) {
        p.close();
      }
    }
  }
}
