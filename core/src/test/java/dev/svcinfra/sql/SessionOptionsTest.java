package dev.svcinfra.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.svcinfra.config.DatabaseSettings;
import dev.svcinfra.config.internal.PercentCodec;
import dev.svcinfra.testing.TestServices;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Driver options reach real servers as written, and MySQL-family sessions are strict whatever the
 * server default or the URL set (issue 16). The lax mode is set in the test's own session options,
 * never on the shared server.
 */
class SessionOptionsTest extends DatabaseSuite {

  private Database openMariadb(String query) {
    String url = TestServices.newMariadbDatabase() + "?" + query;
    DatabaseSettings s = DatabaseSettings.of(url);
    return track(Database.open(s.withPool(s.pool().withSize(1))));
  }

  private static String param(String name, String value) {
    return name + "=" + PercentCodec.encode(value, "-._~");
  }

  @Test
  void mariadbSessionVariablesWithEqualsSignsReachTheServer() {
    Database db = openMariadb("sessionVariables=wait_timeout=100,net_read_timeout=77");
    List<Long> values =
        db.inTransaction(
            tx ->
                tx.query(
                    "SELECT @@SESSION.wait_timeout, @@SESSION.net_read_timeout",
                    rs -> rs.getLong(1) * 1000 + rs.getLong(2)));
    assertThat(values).containsExactly(100_077L);
  }

  @Test
  void aPastedJdbcMariadbUrlKeepsItsSessionVariables() {
    String base = TestServices.newMariadbDatabase(); // mariadb://root@127.0.0.1:3306/db
    String jdbc =
        "jdbc:" + base.replace("root@", "") + "?user=root&sessionVariables=wait_timeout=123";
    DatabaseSettings s = DatabaseSettings.of(jdbc);
    Database db = track(Database.open(s.withPool(s.pool().withSize(1))));
    List<Long> timeout =
        db.inTransaction(tx -> tx.query("SELECT @@SESSION.wait_timeout", rs -> rs.getLong(1)));
    assertThat(timeout).containsExactly(123L);
  }

  @Test
  void mariadbSessionsAreStrictEvenWhenTheUrlAsksForALaxMode() {
    // Lax on purpose: no strict mode from the URL, and the driver's own strict flag off.
    Database db =
        openMariadb(
            "jdbcCompliantTruncation=false&"
                + param("sessionVariables", "sql_mode='NO_ENGINE_SUBSTITUTION,PIPES_AS_CONCAT'"));
    String mode =
        db.inTransaction(tx -> tx.query("SELECT @@SESSION.sql_mode", rs -> rs.getString(1))).get(0);
    assertThat(mode.split(","))
        .contains("STRICT_ALL_TABLES", "NO_ENGINE_SUBSTITUTION", "PIPES_AS_CONCAT");
    db.useTransaction(
        tx ->
            tx.execute(
                "CREATE TABLE strictness (name VARCHAR(5), amount DECIMAL(5,2), n TINYINT)"));
    for (String insert :
        List.of(
            "INSERT INTO strictness (name) VALUES ('abcdefgh')",
            "INSERT INTO strictness (amount) VALUES (12345.67)",
            "INSERT INTO strictness (n) VALUES (300)",
            "INSERT INTO strictness (n) VALUES ('12abc')")) {
      assertThatThrownBy(() -> db.useTransaction(tx -> tx.execute(insert)))
          .as(insert)
          .isInstanceOf(ValidationException.class);
    }
    // A MyISAM table too: STRICT_ALL_TABLES, not only STRICT_TRANS_TABLES.
    db.useTransaction(tx -> tx.execute("CREATE TABLE plain (name VARCHAR(3)) ENGINE=MyISAM"));
    assertThatThrownBy(
            () ->
                db.useTransaction(
                    tx -> tx.execute("INSERT INTO plain (name) VALUES ('abc'), ('abcdef')")))
        .isInstanceOf(ValidationException.class);
    List<Long> rows =
        db.inTransaction(tx -> tx.query("SELECT COUNT(*) FROM strictness", rs -> rs.getLong(1)));
    assertThat(rows).containsExactly(0L);
    db.useTransaction(
        tx -> tx.execute("INSERT INTO strictness (amount) VALUES (?)", new BigDecimal("999.99")));
  }

  @Test
  void postgresOptionsAndApplicationNameWithSpacesAndEqualsSignsReachTheServer() {
    String url =
        TestServices.newPostgresDatabase()
            + "&"
            + param("options", "-c search_path=app,public -c lock_timeout=4321")
            + "&"
            + param("application_name", "billing api=1 100%");
    DatabaseSettings s = DatabaseSettings.of(url);
    Database db = track(Database.open(s.withPool(s.pool().withSize(1))));
    List<String> settings =
        db.inTransaction(
            tx ->
                tx.query(
                    "SELECT current_setting('search_path') || '|' || current_setting('lock_timeout') || '|'"
                        + " || current_setting('application_name')",
                    rs -> rs.getString(1)));
    assertThat(settings).containsExactly("app,public|4321ms|billing api=1 100%");
  }
}
