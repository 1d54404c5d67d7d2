package dev.svcinfra.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.svcinfra.sql.dialect.Dialects;
import dev.svcinfra.sql.dialect.internal.ReplicaPositions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The text form of consistency tokens and the SQL each dialect uses for them (issue 20). */
class ConsistencyTokenTest {

  private static String encode(String plain) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(plain.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aTokenReadsBackAsItself() {
    for (ConsistencyToken t :
        List.of(
            new ConsistencyToken("postgresql", "7413390467350216000", "0/3000060"),
            new ConsistencyToken("postgresql", "7413390467350216000", "1A/FFFF0000"),
            new ConsistencyToken("mariadb", "1", "1/0-1-42"),
            new ConsistencyToken("mariadb", "1", "1/0-1-42,3-7-9"),
            new ConsistencyToken("mariadb", "2", "2/"),
            new ConsistencyToken(
                "mysql",
                "3e11fa47-71ca-11e1-9e33-c80aa9429562",
                "3e11fa47-71ca-11e1-9e33-c80aa9429562/3e11fa47-71ca-11e1-9e33-c80aa9429562:1-5:7,"
                    + "4e11fa47-71ca-11e1-9e33-c80aa9429562:1-3"))) {
      String text = t.value();
      assertThat(text).matches("[A-Za-z0-9_-]+");
      assertThat(ConsistencyToken.parse(text)).isEqualTo(t);
      assertThat(t).hasToString(text);
    }
  }

  @Test
  void textThatIsNoTokenIsRefusedWithTheReason() {
    assertThatThrownBy(() -> ConsistencyToken.parse(""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("empty");
    assertThatThrownBy(() -> ConsistencyToken.parse("not a token!"))
        .hasMessageContaining("not base64url");
    assertThatThrownBy(() -> ConsistencyToken.parse(encode("hello")))
        .hasMessageContaining("not one this service issues");
    assertThatThrownBy(() -> ConsistencyToken.parse(encode("2\npostgresql\n1\n0/1")))
        .hasMessageContaining("not one this service issues");
    assertThatThrownBy(() -> ConsistencyToken.parse(encode("1\noracle\n1\n0/1")))
        .hasMessageContaining("names no database");
    // SQLite has no replicas, so it issues no tokens; nor does a scheme alias pass as a name.
    assertThatThrownBy(() -> ConsistencyToken.parse(encode("1\nsqlite\n1\n0/1")))
        .hasMessageContaining("names no database");
    assertThatThrownBy(() -> ConsistencyToken.parse(encode("1\npostgres\n1\n0/1")))
        .hasMessageContaining("names no database");
    assertThatThrownBy(() -> ConsistencyToken.parse(encode("1\npostgresql\n1\n0/1; DROP")))
        .hasMessageContaining("malformed postgresql position");
    assertThatThrownBy(() -> ConsistencyToken.parse(encode("1\npostgresql\n\n0/1")))
        .hasMessageContaining("malformed");
    assertThatThrownBy(() -> ConsistencyToken.parse(encode("1\nmariadb\n1\n1/0-1")))
        .hasMessageContaining("malformed mariadb position");
    assertThatThrownBy(() -> ConsistencyToken.parse(encode("1\nmysql\nx\nx/1-2")))
        .hasMessageContaining("malformed mysql position");
    assertThatThrownBy(() -> ConsistencyToken.parse("A".repeat(ConsistencyToken.MAX_LENGTH + 1)))
        .hasMessageContaining("longer than");
  }

  @Test
  void eachReplicatingDialectRendersItsPositionSql() {
    ReplicaPositions pg = Dialects.POSTGRESQL.replicaPositions().orElseThrow();
    assertThat(pg.positionQuery()).isEqualTo("SELECT pg_current_wal_insert_lsn()::text");
    assertThat(pg.appliedQuery(Duration.ofMillis(100)))
        .isEqualTo(
            "SELECT NOT pg_is_in_recovery() OR pg_last_wal_replay_lsn() >= CAST(? AS pg_lsn)");
    assertThat(pg.waitsOnServer()).isFalse();
    assertThat(pg.appliedParameters()).isEqualTo(1);

    ReplicaPositions maria = Dialects.MARIADB.replicaPositions().orElseThrow();
    assertThat(maria.positionQuery())
        .isEqualTo("SELECT CONCAT(@@server_id, '/', @@gtid_binlog_pos)");
    assertThat(maria.appliedQuery(Duration.ofMillis(100)))
        .isEqualTo(
            "SELECT SUBSTRING_INDEX(?, '/', 1) = CAST(@@server_id AS CHAR)"
                + " OR MASTER_GTID_WAIT(SUBSTRING_INDEX(?, '/', -1), 0.100) = 0");
    assertThat(maria.waitsOnServer()).isTrue();
    assertThat(maria.appliedParameters()).isEqualTo(2);

    ReplicaPositions mysql = Dialects.MYSQL.replicaPositions().orElseThrow();
    assertThat(mysql.appliedQuery(Duration.ofMillis(250)))
        .isEqualTo(
            "SELECT SUBSTRING_INDEX(?, '/', 1) = @@server_uuid"
                + " OR WAIT_FOR_EXECUTED_GTID_SET(SUBSTRING_INDEX(?, '/', -1), 0.250) = 0");
    assertThat(mysql.clusterQuery()).isEqualTo("SELECT @@server_uuid");

    // No replicas to read from, or no position a client can wait for.
    for (var d :
        List.of(
            Dialects.SQLITE, Dialects.DUCKDB, Dialects.H2, Dialects.MSSQL, Dialects.SNOWFLAKE)) {
      assertThat(d.replicaPositions()).as(d.name()).isEmpty();
    }
  }
}
