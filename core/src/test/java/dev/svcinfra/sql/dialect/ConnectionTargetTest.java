package dev.svcinfra.sql.dialect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.svcinfra.config.ConfigException;
import dev.svcinfra.config.DatabaseUrl;
import dev.svcinfra.config.internal.PoolerMode;
import dev.svcinfra.config.internal.TimeoutSettings;
import dev.svcinfra.config.internal.TlsSettings;
import dev.svcinfra.sql.dialect.internal.ConnectionOptions;
import dev.svcinfra.sql.dialect.internal.ConnectionTarget;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** URL to JDBC URL and driver properties, for every dialect; no database needed. */
class ConnectionTargetTest {
  private static final ConnectionOptions DEFAULTS = ConnectionOptions.defaults();

  private static ConnectionTarget target(String url) {
    return target(url, DEFAULTS);
  }

  private static ConnectionTarget target(String url, ConnectionOptions options) {
    DatabaseUrl parsed = DatabaseUrl.parse(url);
    return Dialects.forUrl(parsed).connectionTarget(parsed, options);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      postgres://app:pw@db:5432/shop                         | jdbc:postgresql://db:5432/shop?user=app&sslmode=require&connectTimeout=10&loginTimeout=10&socketTimeout=30&tcpKeepAlive=true | org.postgresql.Driver
      postgresql+asyncpg://app:pw@db/shop?sslmode=disable     | jdbc:postgresql://db/shop?user=app&sslmode=disable&connectTimeout=10&loginTimeout=10&socketTimeout=30&tcpKeepAlive=true | org.postgresql.Driver
      postgresql://app@db/shop?ssl=true&connect_timeout=3&application_name=api | jdbc:postgresql://db/shop?user=app&sslmode=require&connectTimeout=3&loginTimeout=3&ApplicationName=api&socketTimeout=30&tcpKeepAlive=true | org.postgresql.Driver
      jdbc:postgresql://h1:5432,h2:5433/db?user=u&password=pw | jdbc:postgresql://h1:5432,h2:5433/db?user=u&sslmode=require&connectTimeout=10&loginTimeout=10&targetServerType=primary&hostRecheckSeconds=0&socketTimeout=30&tcpKeepAlive=true | org.postgresql.Driver
      mysql+aiomysql://root:pw@db:3306/shop                   | jdbc:mysql://db:3306/shop?user=root&connectTimeout=10000&socketTimeout=30000&tcpKeepAlive=true | com.mysql.cj.jdbc.Driver
      mysql://root@db/shop?ssl-mode=verify-full               | jdbc:mysql://db/shop?user=root&sslMode=VERIFY_IDENTITY&connectTimeout=10000&socketTimeout=30000&tcpKeepAlive=true | com.mysql.cj.jdbc.Driver
      mysql://root@db/shop?ssl=true                           | jdbc:mysql://db/shop?user=root&sslMode=REQUIRED&connectTimeout=10000&socketTimeout=30000&tcpKeepAlive=true | com.mysql.cj.jdbc.Driver
      mysql+mariadbconnector://root@db/shop                   | jdbc:mariadb://db/shop?user=root&connectTimeout=10000&socketTimeout=30000&tcpKeepAlive=true | org.mariadb.jdbc.Driver
      mariadb://root:pw@db/shop?sslmode=require               | jdbc:mariadb://db/shop?user=root&sslMode=trust&connectTimeout=10000&socketTimeout=30000&tcpKeepAlive=true | org.mariadb.jdbc.Driver
      sqlite:///data/app.db                                   | jdbc:sqlite:data/app.db?foreign_keys=true&busy_timeout=10000&journal_mode=WAL | org.sqlite.JDBC
      sqlite:////var/lib/app.db                               | jdbc:sqlite:/var/lib/app.db?foreign_keys=true&busy_timeout=10000&journal_mode=WAL | org.sqlite.JDBC
      sqlite://                                               | jdbc:sqlite::memory:?foreign_keys=true&busy_timeout=10000 | org.sqlite.JDBC
      duckdb:///analytics.duckdb                              | jdbc:duckdb:analytics.duckdb | org.duckdb.DuckDBDriver
      duckdb://                                               | jdbc:duckdb: | org.duckdb.DuckDBDriver
      mssql+pyodbc://sa:pw@sql:1433/orders?driver=ODBC+Driver+18&TrustServerCertificate=yes | jdbc:sqlserver://sql:1433;databaseName=orders;user=sa;trustServerCertificate=true;loginTimeout=10;socketTimeout=30000 | com.microsoft.sqlserver.jdbc.SQLServerDriver
      mssql://sa:pw@sql/orders?sslmode=require                | jdbc:sqlserver://sql:1433;databaseName=orders;user=sa;encrypt=true;trustServerCertificate=true;loginTimeout=10;socketTimeout=30000 | com.microsoft.sqlserver.jdbc.SQLServerDriver
      mssql://sa:pw@sql/orders?sslmode=disable                | jdbc:sqlserver://sql:1433;databaseName=orders;user=sa;encrypt=false;loginTimeout=10;socketTimeout=30000 | com.microsoft.sqlserver.jdbc.SQLServerDriver
      snowflake://analyst:pw@acme-xy123/SALES/PUBLIC?warehouse=WH&role=ANALYST | jdbc:snowflake://acme-xy123.snowflakecomputing.com/?user=analyst&db=SALES&schema=PUBLIC&warehouse=WH&role=ANALYST&loginTimeout=10 | net.snowflake.client.jdbc.SnowflakeDriver
      snowflake://u@acme.eu-west-1.snowflakecomputing.com/DB  | jdbc:snowflake://acme.eu-west-1.snowflakecomputing.com/?user=u&db=DB&loginTimeout=10 | net.snowflake.client.jdbc.SnowflakeDriver
      jdbc:h2:mem:test                                        | jdbc:h2:mem:test | org.h2.Driver
      """)
  void jdbcUrlAndDriver(String url, String jdbcUrl, String driver) {
    ConnectionTarget t = target(url);
    assertThat(t.jdbcUrl()).isEqualTo(jdbcUrl);
    assertThat(t.driverClassName()).isEqualTo(driver);
    assertThat(t.jdbcUrl()).doesNotContain("pw");
    if (url.contains(":pw@") || url.contains("password=pw")) {
      assertThat(t.properties()).containsEntry("password", "pw");
      assertThat(t.toString()).doesNotContain("=pw").contains("***");
    }
  }

  @Test
  void behindATransactionPoolerPgjdbcPreparesNoNamedServerStatements() {
    ConnectionOptions pooled = ConnectionOptions.defaults().withPooler(PoolerMode.TRANSACTION);
    assertThat(target("postgresql://db/x", pooled).jdbcUrl()).contains("&prepareThreshold=0&");
    // The user's own choice stays, whatever its spelling.
    assertThat(target("postgresql://db/x?preparethreshold=3", pooled).jdbcUrl())
        .contains("preparethreshold=3")
        .doesNotContain("prepareThreshold=0");
    for (PoolerMode keeps : new PoolerMode[] {PoolerMode.NONE, PoolerMode.SESSION}) {
      ConnectionOptions options = ConnectionOptions.defaults().withPooler(keeps);
      assertThat(target("postgresql://db/x", options).jdbcUrl()).doesNotContain("prepareThreshold");
    }
    // Connector/J and MariaDB Connector/J prepare on the client unless told otherwise.
    assertThat(target("mariadb://root@db/shop", pooled).jdbcUrl())
        .isEqualTo(target("mariadb://root@db/shop").jdbcUrl());
  }

  @Test
  void postgresSslmodeOrderUrlThenPgsslmodeThenDefault() {
    ConnectionOptions pgsslmode =
        new ConnectionOptions(
            TimeoutSettings.defaults(), new TlsSettings("require", Optional.of("verify-full")));
    ConnectionOptions lowered =
        new ConnectionOptions(
            TimeoutSettings.defaults(), new TlsSettings("disable", Optional.empty()));
    assertThat(target("postgresql://db/x?sslmode=prefer", pgsslmode).jdbcUrl())
        .contains("sslmode=prefer");
    assertThat(target("postgresql://db/x", pgsslmode).jdbcUrl()).contains("sslmode=verify-full");
    assertThat(target("postgresql://db/x", lowered).jdbcUrl()).contains("sslmode=disable");
    assertThat(target("postgresql://db/x").jdbcUrl()).contains("sslmode=require");
    assertThatThrownBy(() -> target("postgresql://db/x?sslmode=sometimes"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("sslmode='sometimes'");
  }

  @Test
  void connectTimeoutComesFromSettings() {
    ConnectionOptions fast =
        new ConnectionOptions(
            TimeoutSettings.defaults().withConnect(Duration.ofSeconds(2)), TlsSettings.defaults());
    assertThat(target("postgresql://db/x", fast).jdbcUrl()).contains("connectTimeout=2");
    assertThat(target("mariadb://db/x", fast).jdbcUrl()).contains("connectTimeout=2000");
    assertThat(target("mssql://db/x", fast).jdbcUrl()).contains("loginTimeout=2");
    assertThat(target("sqlite:///x.db", fast).jdbcUrl()).contains("busy_timeout=2000");
  }

  @Test
  void unixSockets() {
    ConnectionTarget pg = target("postgresql://app@/shop?host=/var/run/postgresql");
    assertThat(pg.jdbcUrl())
        .isEqualTo(
            "jdbc:postgresql://localhost/shop?user=app&sslmode=require"
                + "&connectTimeout=10&loginTimeout=10&socketTimeout=30&tcpKeepAlive=true"
                + "&socketFactoryArg=/var/run/postgresql/.s.PGSQL.5432");
    // A '$' reads differently in drivers' URL syntaxes: the class name travels as a property.
    assertThat(pg.properties())
        .containsEntry("socketFactory", "org.newsclub.net.unix.AFUNIXSocketFactory$FactoryArg");
    ConnectionTarget pgPort = target("postgresql://app@/shop?host=/tmp&port=6543");
    assertThat(pgPort.jdbcUrl()).contains("socketFactoryArg=/tmp/.s.PGSQL.6543");

    assertThat(target("mariadb://root@/shop?unix_socket=/run/mysqld/mysqld.sock").jdbcUrl())
        .isEqualTo(
            "jdbc:mariadb://localhost/shop?user=root&connectTimeout=10000"
                + "&socketTimeout=30000&tcpKeepAlive=true&localSocket=/run/mysqld/mysqld.sock");
    assertThat(target("mysql://root@/shop?unix_socket=/run/mysqld/mysqld.sock").jdbcUrl())
        .contains("socketFactory=org.newsclub.net.mysql.AFUNIXDatabaseSocketFactoryCJ")
        .contains("junixsocket.file=/run/mysqld/mysqld.sock");
    assertThatThrownBy(() -> target("mssql://sa@/x?unix_socket=/tmp/s"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("Unix-socket");
  }

  @Test
  void impossibleRequestsFailLoudly() {
    assertThatThrownBy(() -> target("mariadb://db/x?sslmode=prefer"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("prefer");
    assertThatThrownBy(() -> target("sqlite://somehost/x.db"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("no host");
    assertThatThrownBy(() -> target("snowflake:///db"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("account");
    assertThatThrownBy(() -> target("oracle://db/x"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("unknown database 'oracle'")
        .hasMessageContaining("postgresql");
  }

  @Test
  void inMemoryEmbeddedDatabasesLimitThePoolToOneConnection() {
    assertThat(Dialects.SQLITE.poolLimit(DatabaseUrl.parse("sqlite://"))).contains(1);
    assertThat(Dialects.SQLITE.poolLimit(DatabaseUrl.parse("sqlite:///:memory:"))).contains(1);
    assertThat(Dialects.SQLITE.poolLimit(DatabaseUrl.parse("sqlite:///x.db"))).isEmpty();
    assertThat(Dialects.DUCKDB.poolLimit(DatabaseUrl.parse("duckdb://"))).contains(1);
    assertThat(Dialects.POSTGRESQL.poolLimit(DatabaseUrl.parse("postgresql://h/d"))).isEmpty();
  }

  @Test
  void displayUrlIsNormalizedAndMasked() {
    DatabaseUrl url = DatabaseUrl.parse("postgres://app:pw@db/shop");
    assertThat(Dialects.forUrl(url).displayUrl(url, true))
        .isEqualTo("postgresql://app:***@db/shop");
    DatabaseUrl jdbc = DatabaseUrl.parse("jdbc:mysql://root:pw@db/shop");
    assertThat(Dialects.forUrl(jdbc).displayUrl(jdbc, true)).isEqualTo("mysql://root:***@db/shop");
    assertThat(Map.of("x", Dialects.byName("postgres").name())).containsEntry("x", "postgresql");
  }
}
