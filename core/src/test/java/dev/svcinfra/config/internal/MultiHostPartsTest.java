package dev.svcinfra.config.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.svcinfra.config.ConfigException;
import dev.svcinfra.config.DatabaseUrl;
import dev.svcinfra.config.Env;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code DB_HOST} as a host list with {@code DB_PORT} for all or per host (issue 18). */
class MultiHostPartsTest {

  private static DatabaseUrl compose(String host, String port) {
    Map<String, String> vars =
        port == null
            ? Map.of("DB_HOST", host, "DB_NAME", "app", "DB_PASSWORD", "s3cret")
            : Map.of("DB_HOST", host, "DB_PORT", port, "DB_NAME", "app", "DB_PASSWORD", "s3cret");
    return UrlFromParts.compose(Env.of(vars)).orElseThrow();
  }

  @ParameterizedTest(name = "DB_HOST={0} DB_PORT={1}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      textBlock =
          """
      db1,db2                   | -         | db1,db2
      db1,db2                   | 5432      | db1:5432,db2:5432
      db1,db2                   | 5432,5433 | db1:5432,db2:5433
      db1:6432, db2             | 5432      | db1:6432,db2:5432
      db1:5432,db2:5433         | -         | db1:5432,db2:5433
      [::1]:5432,127.0.0.1:5433 | -         | [::1]:5432,127.0.0.1:5433
      ::1                       | 5432      | [::1]:5432
      """)
  void hostListsBecomeMultiHostUrls(String host, String port, String rendered) {
    DatabaseUrl url = compose(host, port);
    assertThat(url.hosts().stream().map(HostPort::render).toList())
        .isEqualTo(List.of(rendered.split(",")));
    assertThat(url.toString()).contains("@" + rendered + "/app").doesNotContain("s3cret");
  }

  @ParameterizedTest(name = "DB_HOST={0} DB_PORT={1}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      textBlock =
          """
      db1,db2,db3    | 5432,5433 | lists 2 ports for 3 hosts
      db1,,db2       | -         | empty host
      db1:x,db2      | -         | port 'x'
      db1:5432,db2   | 6432,6433 | port 5432 for db1 but DB_PORT gives it 6432
      [::1,db2       | -         | [address]
      db1            | 5432,5433 | lists 2 ports for 1 hosts
      db1,db2        | 5432,     | comma-separated
      /var/run/pg    | 5432,5433 | several ports for one socket host
      """)
  void inconsistentListsAreRefusedByName(String host, String port, String message) {
    assertThatThrownBy(() -> compose(host, port))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(message);
  }
}
