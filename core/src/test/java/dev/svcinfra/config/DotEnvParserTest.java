package dev.svcinfra.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

/** The .env rules of issue 19: quotes and trailing comments together, as dotenv libraries read. */
class DotEnvParserTest {
  private static Map<String, String> parse(String text) {
    return DotEnvParser.parse(".env", text);
  }

  @Test
  void quotedValueWithTrailingComment() {
    assertThat(parse("SQL_URL='mariadb://root@127.0.0.1:3306/app' # comment\n"))
        .containsEntry("SQL_URL", "mariadb://root@127.0.0.1:3306/app");
    assertThat(parse("SQL_URL=\"mariadb://root@127.0.0.1/app\"   #comment"))
        .containsEntry("SQL_URL", "mariadb://root@127.0.0.1/app");
  }

  @Test
  void unquotedValues() {
    assertThat(parse("A=plain # note\nB=has#hash\nC=  spaced value  \nD=\nexport E=5\n F = 6"))
        .containsExactly(
            Map.entry("A", "plain"),
            Map.entry("B", "has#hash"),
            Map.entry("C", "spaced value"),
            Map.entry("D", ""),
            Map.entry("E", "5"),
            Map.entry("F", "6"));
  }

  @Test
  void quotesKeepHashesAndBlanks() {
    assertThat(parse("P='a # not a comment '\nQ=\"x#y\" # c"))
        .containsEntry("P", "a # not a comment ")
        .containsEntry("Q", "x#y");
  }

  @Test
  void doubleQuotesUnderstandEscapesSingleQuotesDoNot() {
    assertThat(parse("D=\"a\\nb\\t\\\"c\\\\\"\nS='a\\nb'"))
        .containsEntry("D", "a\nb\t\"c\\")
        .containsEntry("S", "a\\nb");
  }

  @Test
  void quotedValuesMaySpanLines() {
    Map<String, String> v = parse("KEY=\"-----BEGIN\nabc\n-----END\"\nNEXT=1\n");
    assertThat(v).containsEntry("KEY", "-----BEGIN\nabc\n-----END").containsEntry("NEXT", "1");
  }

  @Test
  void windowsLineEndsAndByteOrderMark() {
    assertThat(parse("\uFEFFA='1' # c\r\nB=2\r\n")).containsEntry("A", "1").containsEntry("B", "2");
  }

  @Test
  void noExpansion() {
    assertThat(parse("A=1\nB=${A}")).containsEntry("B", "${A}");
  }

  @Test
  void errorsNameTheLine() {
    assertThatThrownBy(() -> parse("A=1\nB='open\nC=3\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(".env line 2")
        .hasMessageContaining("never closed");
    assertThatThrownBy(() -> parse("A=1\n\nB='x' trailing"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(".env line 3")
        .hasMessageContaining("comment");
    assertThatThrownBy(() -> parse("=value"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("line 1: expected KEY=VALUE");
  }

  @Property
  void singleQuotedValuesComeBackVerbatim(
      @ForAll
          @StringLength(max = 40)
          @CharRange(from = ' ', to = '~')
          @CharRange(from = 'à', to = 'ÿ')
          @Chars({'\n'})
          String value,
      @ForAll @StringLength(max = 10) @CharRange(from = ' ', to = '~') String comment) {
    String safe = value.replace("'", "");
    assertThat(parse("K='" + safe + "' # " + comment.replace("\n", "") + "\nN=1"))
        .containsEntry("K", safe)
        .containsEntry("N", "1");
  }

  @Property
  void doubleQuotedValuesRoundTripThroughEscapes(
      @ForAll @StringLength(max = 40) @CharRange(from = ' ', to = '~') @Chars({'\n', '\t', 'é'})
          String value) {
    String escaped =
        value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\t", "\\t");
    assertThat(parse("K=\"" + escaped + "\" # c")).containsEntry("K", value);
  }
}
