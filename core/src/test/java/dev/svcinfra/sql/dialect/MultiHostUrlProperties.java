package dev.svcinfra.sql.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.svcinfra.config.DatabaseUrl;
import dev.svcinfra.config.internal.HostPort;
import dev.svcinfra.sql.dialect.internal.ConnectionOptions;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Any list of hosts and ports survives parsing, masking and rendering in order, reaches the JDBC
 * URL unchanged, and the password never shows (issue 18).
 */
class MultiHostUrlProperties {

  @Property(tries = 300)
  void hostListsSurviveEveryRendering(
      @ForAll("hosts") @Size(min = 1, max = 5) List<HostPort> hosts,
      @ForAll("schemes") String scheme,
      @ForAll("passwords") String password) {
    String list = hosts.stream().map(HostPort::render).collect(Collectors.joining(","));
    String encoded = URLEncoder.encode(password, StandardCharsets.UTF_8);
    DatabaseUrl url = DatabaseUrl.parse(scheme + "://app:" + encoded + "@" + list + "/db");
    assertThat(url.hosts()).isEqualTo(hosts);
    assertThat(url.password()).contains(password);
    Dialect dialect = Dialects.forUrl(url);
    String shown = dialect.displayUrl(url, true);
    assertThat(shown).contains("@" + list + "/db").doesNotContain(":" + encoded + "@");
    DatabaseUrl reparsed = DatabaseUrl.parse(dialect.displayUrl(url, false));
    assertThat(reparsed.hosts()).isEqualTo(hosts);
    assertThat(reparsed.password()).contains(password);
    String jdbc = dialect.connectionTarget(url, ConnectionOptions.defaults()).jdbcUrl();
    assertThat(jdbc).contains("//" + list + "/db");
    assertThat(jdbc).doesNotContain(encoded);
    if (scheme.equals("postgresql")) {
      assertThat(jdbc.contains("targetServerType=primary")).isEqualTo(hosts.size() > 1);
    }
  }

  @Provide
  Arbitrary<List<HostPort>> hosts() {
    Arbitrary<String> names =
        Arbitraries.oneOf(
            Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(8),
            Arbitraries.integers()
                .between(1, 254)
                .list()
                .ofSize(4)
                .map(l -> l.stream().map(String::valueOf).collect(Collectors.joining("."))),
            Arbitraries.of("::1", "fe80::1", "2001:db8::42"));
    Arbitrary<Integer> ports = Arbitraries.integers().between(1, 65535).injectNull(0.3);
    return Combinators.combine(names, ports).as(HostPort::new).list();
  }

  @Provide
  Arbitrary<String> schemes() {
    return Arbitraries.of("postgresql", "mysql", "mariadb");
  }

  @Provide
  Arbitrary<String> passwords() {
    return Arbitraries.strings()
        .ofMinLength(8)
        .ofMaxLength(20)
        .alpha()
        .numeric()
        .withChars("@:/,?&=%");
  }
}
