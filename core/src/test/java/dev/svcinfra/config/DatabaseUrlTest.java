package dev.svcinfra.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.svcinfra.ErrorCode;
import dev.svcinfra.config.internal.HostPort;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DatabaseUrlTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      textBlock =
          """
      # url                                                     | scheme     | driver  | user  | password | host        | port | database
      postgres://app:pw@db.example.com:5432/shop                | postgres   | -       | app   | pw       | db.example.com | 5432 | shop
      postgresql://app:pw@localhost/shop                        | postgresql | -       | app   | pw       | localhost   | -    | shop
      postgresql+asyncpg://postgres:secret@localhost:5432/myapp | postgresql | asyncpg | postgres | secret | localhost   | 5432 | myapp
      postgresql+psycopg://u@h/d                                | postgresql | psycopg | u     | -        | h           | -    | d
      mysql://root@127.0.0.1:3306/test                          | mysql      | -       | root  | -        | 127.0.0.1   | 3306 | test
      mysql+aiomysql://u:p@h:3307/d                             | mysql      | aiomysql | u    | p        | h           | 3307 | d
      mariadb://u:p@h/d                                         | mariadb    | -       | u     | p        | h           | -    | d
      sqlite:///rel.db                                          | sqlite     | -       | -     | -        | -           | -    | rel.db
      sqlite:////abs/dir/app.db                                 | sqlite     | -       | -     | -        | -           | -    | /abs/dir/app.db
      sqlite+aiosqlite:///data/app.db                           | sqlite     | aiosqlite | -   | -        | -           | -    | data/app.db
      sqlite://                                                 | sqlite     | -       | -     | -        | -           | -    | -
      mssql+pyodbc://sa:pw@sql.example.com:1433/orders          | mssql      | pyodbc  | sa    | pw       | sql.example.com | 1433 | orders
      snowflake://user@acct/db/schema?warehouse=w               | snowflake  | -       | user  | -        | acct        | -    | db/schema
      duckdb:///analytics.duckdb                                | duckdb     | -       | -     | -        | -           | -    | analytics.duckdb
      duckdb://                                                 | duckdb     | -       | -     | -        | -           | -    | -
      jdbc:postgresql://h:5433/d?user=u&password=p              | postgresql | -       | u     | p        | h           | 5433 | d
      jdbc:mysql://h/d                                          | mysql      | -       | -     | -        | h           | -    | d
      jdbc:mariadb://h:3306/d?user=root                         | mariadb    | -       | root  | -        | h           | 3306 | d
      jdbc:sqlserver://h:1433;databaseName=orders;user=sa;password=pw | sqlserver | -  | sa    | pw       | h           | 1433 | -
      jdbc:sqlite:app.db                                        | sqlite     | -       | -     | -        | -           | -    | app.db
      jdbc:duckdb:/abs/x.duckdb                                 | duckdb     | -       | -     | -        | -           | -    | /abs/x.duckdb
      jdbc:h2:mem:test                                          | h2         | -       | -     | -        | -           | -    | mem:test
      """)
  void parsesEveryAcceptedForm(
      String text,
      String scheme,
      String driver,
      String user,
      String password,
      String host,
      Integer port,
      String database) {
    DatabaseUrl url = DatabaseUrl.parse(text);
    assertThat(url.scheme()).isEqualTo(scheme);
    assertThat(url.driver().orElse(null)).isEqualTo(driver);
    assertThat(url.user().orElse(null)).isEqualTo(user);
    assertThat(url.password().orElse(null)).isEqualTo(password);
    assertThat(url.host().map(HostPort::host).orElse(null)).isEqualTo(host);
    assertThat(url.host().map(HostPort::port).orElse(null)).isEqualTo(port);
    assertThat(url.database().orElse(null)).isEqualTo(database);
    assertThat(url.isJdbc()).isEqualTo(text.startsWith("jdbc:"));
  }

  @Test
  void secretQueryParametersAreMaskedWhereverTheUrlIsShown() {
    DatabaseUrl url =
        DatabaseUrl.parse(
            "mariadb://app:Pw1@db/shop?trustStorePassword=Ts1"
                + "&sslpassword=Ssl1&authToken=Tok1&sessionVariables=wait_timeout%3D100&foreign_keys=true");
    String shown = url.toString();
    assertThat(shown)
        .doesNotContain("Pw1")
        .doesNotContain("Ts1")
        .doesNotContain("Ssl1")
        .doesNotContain("Tok1")
        .contains("trustStorePassword=***")
        .contains("foreign_keys=true")
        .contains("sessionVariables=wait_timeout%3D100");
    // The values themselves are kept for the driver.
    assertThat(url.params()).containsEntry("trustStorePassword", "Ts1");
    assertThat(url.render("mariadb", "host", false)).contains("trustStorePassword=Ts1");
  }

  @Test
  void sqlServerJdbcPropertiesBecomeParameters() {
    DatabaseUrl url = DatabaseUrl.parse("jdbc:sqlserver://h:1433;databaseName=orders;encrypt=true");
    assertThat(url.params())
        .containsEntry("databaseName", "orders")
        .containsEntry("encrypt", "true");
  }

  @Test
  void specialCharactersInUserAndPasswordRoundTrip() {
    String user = "app user@corp";
    String password = "p@ss:w/rd?#%+ &=é";
    DatabaseUrl url =
        DatabaseUrl.builder("postgresql")
            .user(user)
            .password(password)
            .host("db", 5432)
            .database("my db")
            .build();
    String rendered = url.render("postgresql", "host", false);
    assertThat(rendered).doesNotContain(" ").startsWith("postgresql://app%20user%40corp:");
    DatabaseUrl back = DatabaseUrl.parse(rendered);
    assertThat(back.user()).contains(user);
    assertThat(back.password()).contains(password);
    assertThat(back.database()).contains("my db");
    assertThat(back).isEqualTo(url);
  }

  @Test
  void unencodedAtSignInPasswordIsTolerated() {
    DatabaseUrl url = DatabaseUrl.parse("postgresql://app:p@ss@db:5432/shop");
    assertThat(url.password()).contains("p@ss");
    assertThat(url.host()).contains(new HostPort("db", 5432));
  }

  @Test
  void multipleHostsAndIpv6() {
    DatabaseUrl url = DatabaseUrl.parse("postgresql://u@h1:5432,h2:5433,[::1]:5434/d");
    assertThat(url.hosts())
        .containsExactly(
            new HostPort("h1", 5432), new HostPort("h2", 5433), new HostPort("::1", 5434));
    assertThat(url.render("postgresql", "host", true))
        .isEqualTo("postgresql://u@h1:5432,h2:5433,[::1]:5434/d");
  }

  @Test
  void anEmptyHostIsRefusedWhereverItStandsInTheList() {
    for (String url :
        List.of("postgresql://u@,h1/d", "postgresql://u@h1,,h2/d", "postgresql://u@h1,h2,/d")) {
      assertThatThrownBy(() -> DatabaseUrl.parse(url))
          .as(url)
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("a host in the host list is empty");
    }
  }

  @Test
  void socketHostsAreLiftedOutOfParameters() {
    DatabaseUrl pg = DatabaseUrl.parse("postgresql://app@/shop?host=/var/run/postgresql");
    assertThat(pg.socket()).contains("/var/run/postgresql");
    assertThat(pg.params()).isEmpty();
    assertThat(pg.hosts()).isEmpty();

    DatabaseUrl my = DatabaseUrl.parse("mysql://app@/shop?unix_socket=/run/mysqld/mysqld.sock");
    assertThat(my.socket()).contains("/run/mysqld/mysqld.sock");
    assertThat(my.render("mysql", "unix_socket", true))
        .isEqualTo("mysql://app@/shop?unix_socket=/run/mysqld/mysqld.sock");

    // host= that is a name, not a path, stays a parameter
    assertThat(DatabaseUrl.parse("postgresql://u@/d?host=db").params()).containsEntry("host", "db");
  }

  @Test
  void parametersKeepOrderAndDecode() {
    DatabaseUrl url =
        DatabaseUrl.parse(
            "postgresql://u@h/d?sslmode=disable&application_name=my%20app&options=-c%20x%3D1&&");
    assertThat(url.params())
        .containsExactly(
            Map.entry("sslmode", "disable"),
            Map.entry("application_name", "my app"),
            Map.entry("options", "-c x=1"));
    assertThat(url.param("SSLMODE")).contains("disable");
  }

  @Test
  void toStringMasksThePassword() {
    DatabaseUrl url = DatabaseUrl.parse("postgres://app:s3cr3t-pw@db:5432/shop");
    assertThat(url.toString())
        .isEqualTo("postgres://app:***@db:5432/shop")
        .doesNotContain("s3cr3t");
    DatabaseUrl jdbc = DatabaseUrl.parse("jdbc:postgresql://db/shop?user=app&password=s3cr3t-pw");
    assertThat(jdbc.toString()).doesNotContain("s3cr3t").contains("***");
  }

  @Test
  void renderWithCanonicalSchemeNormalizes() {
    DatabaseUrl url = DatabaseUrl.parse("postgres://app:pw@db:5432/shop?sslmode=require");
    assertThat(url.render("postgresql", "host", true))
        .isEqualTo("postgresql://app:***@db:5432/shop?sslmode=require");
    assertThat(url.render("postgresql", "host", false))
        .isEqualTo("postgresql://app:pw@db:5432/shop?sslmode=require");
    assertThat(DatabaseUrl.parse("sqlite:////abs/app.db").render("sqlite", "host", false))
        .isEqualTo("sqlite:////abs/app.db");
    assertThat(DatabaseUrl.parse("sqlite:///rel.db").render("sqlite", "host", false))
        .isEqualTo("sqlite:///rel.db");
    assertThat(DatabaseUrl.parse("sqlite://").render("sqlite", "host", false))
        .isEqualTo("sqlite://");
  }

  @Test
  void malformedUrlsFailWithoutShowingThePassword() {
    assertThatThrownBy(() -> DatabaseUrl.parse("postgres://app:hunter2@db:54x2/shop"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("54x2")
        .hasMessageNotContaining("hunter2")
        .extracting(e -> ((ConfigException) e).code())
        .isEqualTo(ErrorCode.INVALID_DATABASE_URL);
    assertThatThrownBy(() -> DatabaseUrl.parse("not a url with hunter2"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("scheme://");
    assertThatThrownBy(() -> DatabaseUrl.parse("  "))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("empty");
    assertThatThrownBy(() -> DatabaseUrl.parse("postgres://u:pw@db:99999/x"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("99999");
    assertThatThrownBy(() -> DatabaseUrl.parse("jdbc:sqlserver://h:1x;password=hunter2"))
        .isInstanceOf(ConfigException.class)
        .hasMessageNotContaining("hunter2");
    assertThatThrownBy(() -> DatabaseUrl.parse("jdbc:postgresql://h:1x/d?password=hunter2"))
        .isInstanceOf(ConfigException.class)
        .hasMessageNotContaining("hunter2");
  }
}
