package dev.svcinfra.javalin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Statement text for spans: values out, names and structure in. */
class SqlTextTest {
  @Test
  void literalsBecomePlaceholdersAndNamesStay() {
    assertThat(SqlText.masked("SELECT * FROM t1 WHERE a = 'x' AND b = 42 AND c = ?"))
        .isEqualTo("SELECT * FROM t1 WHERE a = ? AND b = ? AND c = ?");
    assertThat(SqlText.masked("UPDATE \"Table 2\" SET v = 'it''s', w = 3.14e5"))
        .isEqualTo("UPDATE \"Table 2\" SET v = ?, w = ?");
    assertThat(SqlText.masked("INSERT INTO `t` VALUES ('a\\'b', -7)"))
        .isEqualTo("INSERT INTO `t` VALUES (?, -?)");
    assertThat(SqlText.masked("SELECT 'päss 🔑' AS k, col_9 FROM x"))
        .isEqualTo("SELECT ? AS k, col_9 FROM x");
    assertThat(SqlText.masked("SELECT 'unterminated secret")).isEqualTo("SELECT ?");
    assertThat(SqlText.masked("SELECT 0x1F, 12345678901234567890123")).isEqualTo("SELECT ?, ?");
  }
}
