package dev.svcinfra.sql.dialect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.svcinfra.config.ConfigException;
import dev.svcinfra.config.DatabaseUrl;
import dev.svcinfra.config.internal.TimeoutSettings;
import dev.svcinfra.config.internal.TlsSettings;
import dev.svcinfra.sql.dialect.internal.ConnectionOptions;
import dev.svcinfra.sql.dialect.internal.ConnectionTarget;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Multi-host URLs and the server they select, per driver: libpq's {@code target_session_attrs}
 * mapped to pgjdbc's {@code targetServerType}, the pools' defaults, MySQL/MariaDB high-availability
 * modes, and the socket timeout every server dialect gets (issue 18). No database needed.
 */
class MultiHostTargetTest {
  private static final ConnectionOptions PRIMARY = ConnectionOptions.defaults();

  private static String jdbc(String url, ConnectionOptions options) {
    DatabaseUrl parsed = DatabaseUrl.parse(url);
    return Dialects.forUrl(parsed).connectionTarget(parsed, options).jdbcUrl();
  }

  @ParameterizedTest(name = "target_session_attrs={0} -> {1}")
  @CsvSource({
    "any,any",
    "read-write,primary",
    "READ-WRITE,primary",
    "primary,primary",
    "read-only,secondary",
    "standby,secondary",
    "prefer-standby,preferSecondary"
  })
  void libpqTargetSessionAttrsBecomePgjdbcTargetServerType(String libpq, String pgjdbc) {
    String url = "postgresql://app:pw@h1:5432,h2:5433/app?target_session_attrs=" + libpq;
    for (ConnectionOptions options : new ConnectionOptions[] {PRIMARY, PRIMARY.forReplica()}) {
      String jdbc = jdbc(url, options);
      assertThat(jdbc)
          .startsWith("jdbc:postgresql://h1:5432,h2:5433/app?")
          .contains("targetServerType=" + pgjdbc)
          .doesNotContain("target_session_attrs")
          .doesNotContain("pw");
    }
    // One host: still translated, so a standby given alone is refused at connect, not written to.
    assertThat(jdbc("postgresql://h1/app?target_session_attrs=" + libpq, PRIMARY))
        .contains("targetServerType=" + pgjdbc)
        .doesNotContain("hostRecheckSeconds");
  }

  @Test
  void severalHostsPickThePrimaryForThePrimaryPoolAndPreferAStandbyForTheReplicaPool() {
    String url = "postgresql://app@h1,h2/app";
    assertThat(jdbc(url, PRIMARY))
        .contains("targetServerType=primary")
        .contains("hostRecheckSeconds=0");
    assertThat(jdbc(url, PRIMARY.forReplica()))
        .contains("targetServerType=preferSecondary")
        .contains("hostRecheckSeconds=0");
    assertThat(jdbc("postgresql://app@h1/app", PRIMARY)).doesNotContain("targetServerType");
    // What the URL says wins over the defaults.
    assertThat(jdbc(url + "?targetServerType=any&hostRecheckSeconds=5", PRIMARY))
        .contains("targetServerType=any")
        .contains("hostRecheckSeconds=5")
        .doesNotContain("hostRecheckSeconds=0");
  }

  @Test
  void unknownOrContradictorySessionAttrsAreRefused() {
    assertThatThrownBy(() -> jdbc("postgresql://h1,h2/app?target_session_attrs=writable", PRIMARY))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("target_session_attrs='writable'")
        .hasMessageContaining("read-write");
    assertThatThrownBy(
            () ->
                jdbc(
                    "postgresql://h1,h2/app?target_session_attrs=read-write&targetServerType=secondary",
                    PRIMARY))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("targetServerType=secondary");
    assertThat(
            jdbc(
                "postgresql://h1,h2/app?target_session_attrs=read-write&targetServerType=primary",
                PRIMARY))
        .contains("targetServerType=primary");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      mariadb://root@h1,h2:3307/shop                    | jdbc:mariadb:sequential://h1,h2:3307/shop?user=root&
      jdbc:mariadb:sequential://h1,h2/shop?user=root    | jdbc:mariadb:sequential://h1,h2/shop?user=root&
      jdbc:mariadb:loadbalance://h1,h2/shop             | jdbc:mariadb:loadbalance://h1,h2/shop?
      jdbc:mariadb:replication://h1,h2/shop             | jdbc:mariadb:replication://h1,h2/shop?
      mariadb://h1,h2/shop?ha_mode=load-balance-read    | jdbc:mariadb:load-balance-read://h1,h2/shop?
      mariadb://h1/shop                                 | jdbc:mariadb://h1/shop?
      mysql://root@h1,h2/shop                           | jdbc:mysql://h1,h2/shop?user=root&
      jdbc:mysql:loadbalance://h1,h2/shop               | jdbc:mysql:loadbalance://h1,h2/shop?
      jdbc:mysql:replication://h1,h2/shop               | jdbc:mysql:replication://h1,h2/shop?
      """)
  void mysqlAndMariadbFailoverForms(String url, String prefix) {
    String jdbc = jdbc(url, PRIMARY);
    assertThat(jdbc).startsWith(prefix).doesNotContain("ha_mode");
    if (url.startsWith("mysql://") && url.contains(",")) {
      assertThat(jdbc).contains("failOverReadOnly=false");
    } else {
      assertThat(jdbc).doesNotContain("failOverReadOnly");
    }
  }

  @Test
  void aHostModeSurvivesDisplayAndReparsing() {
    DatabaseUrl parsed = DatabaseUrl.parse("jdbc:mariadb:sequential://h1,h2/shop?password=pw");
    String shown = Dialects.MARIADB.displayUrl(parsed, true);
    assertThat(shown).isEqualTo("mariadb://:***@h1,h2/shop?ha_mode=sequential");
    DatabaseUrl again = DatabaseUrl.parse(Dialects.MARIADB.displayUrl(parsed, false));
    assertThat(Dialects.MARIADB.connectionTarget(again, PRIMARY).jdbcUrl())
        .startsWith("jdbc:mariadb:sequential://h1,h2/shop?");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      jdbc:mariadb:failover://h1,h2/shop          | ha_mode=failover is not a MariaDB Connector/J 3 mode
      jdbc:mariadb:aurora://h1,h2/shop            | ha_mode=aurora
      jdbc:mysql:sequential://h1,h2/shop          | ha_mode=sequential is not a MySQL Connector/J mode
      mysql://h1,h2/shop?target_session_attrs=read-write   | target_session_attrs is a PostgreSQL (libpq) parameter
      mariadb://h1,h2/shop?target_session_attrs=read-write | target_session_attrs is a PostgreSQL (libpq) parameter
      mssql://sa@h1,h2/shop                       | one host expected
      """)
  void failoverFormsADriverDoesNotHaveAreRefused(String url, String message) {
    assertThatThrownBy(() -> jdbc(url, PRIMARY))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(message);
  }

  @Test
  void socketTimeoutAndKeepaliveForEveryServerDialect() {
    ConnectionOptions four =
        new ConnectionOptions(
            TimeoutSettings.defaults().withSocket(Duration.ofSeconds(4)), TlsSettings.defaults());
    assertThat(jdbc("postgresql://h/app", four)).contains("socketTimeout=4&tcpKeepAlive=true");
    assertThat(jdbc("mysql://h/app", four)).contains("socketTimeout=4000&tcpKeepAlive=true");
    assertThat(jdbc("mariadb://h/app", four)).contains("socketTimeout=4000&tcpKeepAlive=true");
    assertThat(jdbc("mssql://sa@h/app", four)).contains(";socketTimeout=4000");
    ConnectionOptions none =
        new ConnectionOptions(
            TimeoutSettings.defaults().withSocket(Duration.ZERO), TlsSettings.defaults());
    assertThat(jdbc("postgresql://h/app", none)).contains("socketTimeout=0");
    // The URL's own value wins.
    assertThat(jdbc("postgresql://h/app?socketTimeout=9&tcpKeepAlive=false", four))
        .contains("socketTimeout=9")
        .contains("tcpKeepAlive=false")
        .doesNotContain("socketTimeout=4");
    ConnectionTarget maria = target("mariadb://h/app?socketTimeout=1500", four);
    assertThat(maria.jdbcUrl()).contains("socketTimeout=1500").doesNotContain("4000");
  }

  private static ConnectionTarget target(String url, ConnectionOptions options) {
    DatabaseUrl parsed = DatabaseUrl.parse(url);
    return Dialects.forUrl(parsed).connectionTarget(parsed, options);
  }
}
