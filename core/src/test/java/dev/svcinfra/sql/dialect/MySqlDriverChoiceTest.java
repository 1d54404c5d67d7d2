package dev.svcinfra.sql.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.svcinfra.config.DatabaseUrl;
import dev.svcinfra.sql.dialect.internal.ConnectionOptions;
import dev.svcinfra.sql.dialect.internal.ConnectionTarget;
import dev.svcinfra.testing.TestServices;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A {@code mysql://} URL in a service that carries only the MariaDB driver connects through it
 * (issue 19: the quickstart crashed with a missing-driver stack trace).
 */
class MySqlDriverChoiceTest {
  private static ConnectionTarget target(String url, Set<String> present) {
    DatabaseUrl parsed = DatabaseUrl.parse(url);
    return ((MySqlDialect) Dialects.MYSQL)
        .connectionTarget(parsed, ConnectionOptions.defaults(), present::contains);
  }

  @Test
  void connectorJWinsWhenPresent() {
    ConnectionTarget t =
        target(
            "mysql://app@db:3306/shop",
            Set.of(MySqlDriverChoice.CONNECTOR_J, MySqlDriverChoice.MARIADB));
    assertThat(t.jdbcUrl()).startsWith("jdbc:mysql://db:3306/shop");
    assertThat(t.driverClassName()).isEqualTo(MySqlDriverChoice.CONNECTOR_J);
  }

  @Test
  void withoutConnectorJTheMariaDbDriverConnects() {
    ConnectionTarget t =
        target("mysql://app@db:3306/shop?sslmode=require", Set.of(MySqlDriverChoice.MARIADB));
    assertThat(t.jdbcUrl()).startsWith("jdbc:mariadb://db:3306/shop").contains("sslMode=trust");
    assertThat(t.driverClassName()).isEqualTo(MySqlDriverChoice.MARIADB);
  }

  @Test
  void withNeitherDriverTheMissingOneIsConnectorJ() {
    assertThat(target("mysql://app@db/shop", Set.of()).driverClassName())
        .isEqualTo(MySqlDriverChoice.CONNECTOR_J);
  }

  @Test
  void theMariaDbDriverReallyConnectsAMysqlUrl() throws Exception {
    String url = TestServices.mariadbUrl().replace("mariadb://", "mysql://");
    ConnectionTarget t = target(url, Set.of(MySqlDriverChoice.MARIADB));
    Properties props = new Properties();
    props.putAll(t.properties());
    Class.forName(t.driverClassName());
    try (Connection c = DriverManager.getConnection(t.jdbcUrl(), props);
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT 'ω' AS x")) {
      assertThat(c.getMetaData().getDriverName()).containsIgnoringCase("MariaDB");
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("ω");
    }
  }
}
