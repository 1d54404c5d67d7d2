package dev.svcinfra.sql.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.svcinfra.config.DatabaseUrl;
import dev.svcinfra.config.internal.PercentCodec;
import dev.svcinfra.sql.dialect.internal.ConnectionOptions;
import dev.svcinfra.sql.dialect.internal.ConnectionTarget;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Parameter values reach every driver exactly as the user wrote them (issue 16: {@code
 * sessionVariables=wait_timeout=100} reached MariaDB as {@code wait_timeout%3D100}). What a driver
 * sees is the JDBC URL's parameters, read without decoding (only values that read the same in every
 * driver's syntax may stay there), plus the driver properties.
 */
class DriverParametersTest {

  /** URL prefix per dialect, the parameter separators of its JDBC URL, and a parameter name. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      postgresql://u@db/shop?         | ? | & | options
      mariadb://u@db/shop?            | ? | & | sessionVariables
      mysql://u@db/shop?              | ? | & | sessionVariables
      sqlite:///data/app.db?          | ? | & | journal_mode
      duckdb:///data/app.duckdb?      | ? | & | memory_limit
      mssql://sa@sql/orders?          | ; | ; | applicationName
      snowflake://u@acme/DB/PUBLIC?   | ? | & | query_tag
      jdbc:mariadb://db/shop?user=u&  | ? | & | sessionVariables
      jdbc:postgresql://db/shop?      | ? | & | options
      """)
  void awkwardValuesArriveVerbatim(String prefix, char first, char sep, String name) {
    for (String value :
        new String[] {
          "wait_timeout=100",
          "a&b",
          "100%",
          "two words",
          "a+b",
          "x;y=z",
          "{braced}",
          "naïve 🦆",
          "sql_mode='ANSI,NO_ENGINE_SUBSTITUTION'",
          "-c search_path=app,public -c statement_timeout=5s",
          "plain"
        }) {
      String url = prefix + name + "=" + PercentCodec.encode(value, "-._~");
      assertThat(driverSees(url, first, sep)).as(url).containsEntry(name, value);
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
      jdbc:mariadb://db/shop?sessionVariables=wait_timeout=100                    | sessionVariables | wait_timeout=100
      mariadb://root@db/shop?sessionVariables=wait_timeout=100,sql_mode=ANSI      | sessionVariables | wait_timeout=100,sql_mode=ANSI
      jdbc:mysql://db/shop?sessionVariables=wait_timeout=100                      | sessionVariables | wait_timeout=100
      postgresql://app@db/shop?options=-c%20search_path%3Dapp                     | options          | -c search_path=app
      postgresql://app@db/shop?application_name=billing%20api                     | ApplicationName  | billing api
      """)
  void pastedAndWrittenUrls(String url, String name, String value) {
    assertThat(driverSees(url, '?', '&')).containsEntry(name, value);
  }

  @org.junit.jupiter.api.Test
  void dbParamsFromPartsArriveVerbatimToo() {
    DatabaseUrl url =
        dev.svcinfra.config.internal.DatabaseUrlResolver.resolve(
                dev.svcinfra.config.Env.of(
                    Map.of(
                        "DB_DIALECT",
                        "mariadb",
                        "DB_HOST",
                        "db",
                        "DB_NAME",
                        "shop",
                        "DB_PARAMS",
                        "sessionVariables=wait_timeout=100,sql_mode=ANSI&connectTimeout=5000")))
            .url();
    assertThat(driverSees(url, '?', '&'))
        .containsEntry("sessionVariables", "wait_timeout=100,sql_mode=ANSI")
        .containsEntry("connectTimeout", "5000");
  }

  @org.junit.jupiter.api.Test
  void userNamesWithSeparatorsArriveVerbatim() {
    assertThat(driverSees("mariadb://a%40corp%3Bx@db/shop", '?', '&'))
        .containsEntry("user", "a@corp;x");
    assertThat(driverSees("postgresql://a%2Bb%20c@db/shop", '?', '&'))
        .containsEntry("user", "a+b c");
    assertThat(driverSees("mssql://dom%5Cuser%3B@sql/x", ';', ';'))
        .containsEntry("user", "dom\\user;");
    assertThat(driverSees("jdbc:h2:mem:x?user=a%3Bb", ';', ';')).containsEntry("USER", "a;b");
  }

  @Property(tries = 300)
  void anyValueRoundTripsOnEveryDialect(
      @ForAll("values") String value, @ForAll("prefixes") String prefix) {
    DatabaseUrl parsed =
        DatabaseUrl.parse(prefix + "k1=" + PercentCodec.encode(value, "") + "&k2=v2");
    Dialect d = Dialects.forUrl(parsed);
    boolean semicolons = d.name().equals("mssql") || d.name().equals("h2");
    char first = semicolons ? ';' : '?';
    char sep = semicolons ? ';' : '&';
    Map<String, String> seen = driverSees(parsed, first, sep);
    assertThat(seen).containsEntry("k1", value).containsEntry("k2", "v2");
  }

  @Provide
  Arbitrary<String> values() {
    return Arbitraries.oneOf(
        Arbitraries.strings().withChars("=&%;+ ,:/?#{}[]'\"\\aZ9é").ofMaxLength(12),
        Arbitraries.strings()
            .all()
            .ofMaxLength(8)
            .filter(s -> s.chars().noneMatch(c -> Character.isSurrogate((char) c))));
  }

  @Provide
  Arbitrary<String> prefixes() {
    return Arbitraries.of(
        "postgresql://u@db/x?sslmode=disable&",
        "mariadb://u@db/x?",
        "mysql://u@db/x?",
        "sqlite:///x.db?",
        "duckdb:///x.duckdb?",
        "mssql://sa@sql/x?",
        "snowflake://u@acme/DB?",
        "jdbc:h2:mem:x?");
  }

  private static Map<String, String> driverSees(String url, char first, char sep) {
    return driverSees(DatabaseUrl.parse(url), first, sep);
  }

  /** The URL's parameters as a driver splits them (no decoding), then the properties. */
  private static Map<String, String> driverSees(DatabaseUrl url, char first, char sep) {
    ConnectionTarget t = Dialects.forUrl(url).connectionTarget(url, ConnectionOptions.defaults());
    Map<String, String> seen = new LinkedHashMap<>();
    String jdbc = t.jdbcUrl();
    int start = jdbc.indexOf(first);
    if (start >= 0) {
      for (String pair : jdbc.substring(start + 1).split(Pattern.quote(String.valueOf(sep)))) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          String value = pair.substring(eq + 1);
          assertThat(DriverParameters.urlSafe(value)).as("URL value %s", value).isTrue();
          seen.put(pair.substring(0, eq), value);
        }
      }
    }
    t.properties()
        .forEach(
            (k, v) -> {
              assertThat(seen)
                  .as("%s both in the URL and in the properties", k)
                  .doesNotContainKey(k);
              seen.put(k, v);
            });
    return seen;
  }
}
