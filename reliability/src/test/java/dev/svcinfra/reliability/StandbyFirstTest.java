package dev.svcinfra.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.svcinfra.ErrorCode;
import dev.svcinfra.config.DatabaseSettings;
import dev.svcinfra.config.Env;
import dev.svcinfra.health.CheckResult;
import dev.svcinfra.health.DatabaseCheck;
import dev.svcinfra.health.HealthStatus;
import dev.svcinfra.sql.Database;
import dev.svcinfra.sql.DatabaseUnavailableException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 18: a libpq-style URL that lists the standby first. With {@code
 * target_session_attrs=read-write} (and by default with several hosts) the service writes to the
 * primary: 201s, not the 500s of a service that connected to the standby. A URL naming only the
 * standby gives a service that says it is not ready, and answers writes 503.
 */
class StandbyFirstTest {

  @Test
  @Timeout(value = 2, unit = TimeUnit.MINUTES)
  void theStandbyListedFirstIsSkippedForWrites() throws Exception {
    try (PgNode primary = PgNode.primary("sf1");
        PgNode standby = PgNode.standbyOf(primary, "sf2")) {
      Map<String, Object> figures = new LinkedHashMap<>();
      String hosts = standby.hostPort() + "," + primary.hostPort();
      for (String params : List.of("&target_session_attrs=read-write", "")) {
        String url = "postgresql://postgres@" + hosts + "/postgres?sslmode=disable" + params;
        try (InProcessQuickstart qs = InProcessQuickstart.start(Map.of("SQL_URL", url))) {
          Http http = new Http(qs.port());
          assertThat(http.get("/_health/ready").status()).as("ready with %s", url).isEqualTo(200);
          int created = 0;
          for (int i = 0; i < 20; i++) {
            String owner = "standby-first" + params.length() + "-" + i;
            Http.Reply r = http.post("/accounts", "{\"owner\":\"" + owner + "\",\"balance\":0}");
            assertThat(r.status()).as("POST with %s: %s", url, r).isEqualTo(201);
            created++;
          }
          figures.put(
              "standby first" + (params.isEmpty() ? ", no parameter" : ", " + params.substring(1)),
              created + " POST /accounts, all 201; readiness 200");
        }
      }
      assertThat(primary.column("SELECT count(*) FROM accounts")).containsExactly("40");

      // Only the standby: not ready, and a write is 503 database_unavailable, never a 500.
      String standbyOnly =
          "postgresql://postgres@" + standby.hostPort() + "/postgres?sslmode=disable";
      try (Database db =
          Database.open(DatabaseSettings.from(Env.of(Map.of("SQL_URL", standbyOnly))))) {
        CheckResult ready = DatabaseCheck.of(db).check();
        assertThat(ready.status()).isEqualTo(HealthStatus.UNHEALTHY);
        assertThat(ready.message()).hasValueSatisfying(m -> assertThat(m).contains("in recovery"));
        assertThatThrownBy(
                () ->
                    db.useTransaction(
                        tx -> tx.execute("INSERT INTO accounts (owner, balance) VALUES ('x', 0)")))
            .isInstanceOfSatisfying(
                DatabaseUnavailableException.class,
                e -> {
                  assertThat(e.code()).isEqualTo(ErrorCode.DATABASE_UNAVAILABLE);
                  assertThat(e.sqlState()).contains("25006");
                });
        figures.put(
            "the standby alone",
            "readiness unhealthy (\"refuses writes: "
                + ready.message().orElse("").replaceFirst(".*refuses writes: ", "")
                + "\"); a write: 503 database_unavailable");
      }
      String readWriteStandbyOnly = standbyOnly + "&target_session_attrs=read-write";
      try (Database db =
          Database.open(
              DatabaseSettings.from(
                  Env.of(Map.of("SQL_URL", readWriteStandbyOnly, "DB_CONNECT_TIMEOUT", "2"))))) {
        assertThatThrownBy(() -> db.useTransaction(tx -> tx.execute("SELECT 1")))
            .isInstanceOf(DatabaseUnavailableException.class);
        figures.put(
            "the standby alone, target_session_attrs=read-write",
            "no connection (no server takes writes): 503 database_unavailable");
      }
      ReliabilityReport.record(
          "18-standby-first",
          "18. Standby listed first",
          figures,
          0,
          "A private primary and its streaming standby; the in-process quickstart with"
              + " `postgresql://...@standby,primary/postgres`, with"
              + " `target_session_attrs=read-write` and without any parameter. Asserted: ready,"
              + " every POST 201 and every row on the primary. With the standby alone, readiness"
              + " is unhealthy with the reason and a write is 503 `database_unavailable`.");
    }
  }
}
