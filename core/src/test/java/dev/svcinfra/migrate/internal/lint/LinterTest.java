package dev.svcinfra.migrate.internal.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.svcinfra.migrate.Revision;
import dev.svcinfra.migrate.internal.script.RevisionFile;
import dev.svcinfra.sql.dialect.Dialect;
import dev.svcinfra.sql.dialect.Dialects;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LinterTest {

  static List<String> rules(Dialect d, Set<String> mapped, String upgrade) {
    Revision r =
        RevisionFile.parse(
            "-- revision: abc\n-- down_revision:\n-- +upgrade\n"
                + upgrade
                + "\n-- +downgrade\nDROP TABLE whatever;\n",
            "abc.sql");
    return new Linter(d, mapped).lint(r).stream().map(f -> f.rule().code()).toList();
  }

  static List<String> rules(String upgrade) {
    return rules(Dialects.POSTGRESQL, Set.of(), upgrade);
  }

  @Test
  void destructiveStatementsAreFound() {
    assertThat(rules("DROP TABLE users;")).containsExactly("drop_table");
    assertThat(rules("ALTER TABLE users DROP COLUMN email;")).containsExactly("drop_column");
    assertThat(rules("ALTER TABLE `users` DROP `email`;")).containsExactly("drop_column");
    assertThat(rules("ALTER TABLE users ALTER COLUMN age TYPE BIGINT;"))
        .containsExactly("type_change");
    assertThat(rules(Dialects.MYSQL, Set.of(), "ALTER TABLE users MODIFY COLUMN age BIGINT;"))
        .containsExactly("type_change");
    assertThat(rules("ALTER TABLE users ADD COLUMN age INTEGER NOT NULL;"))
        .containsExactly("not_null_without_default");
    assertThat(rules("ALTER TABLE users ALTER COLUMN age SET NOT NULL;"))
        .containsExactly("not_null_without_default");
  }

  @Test
  void harmlessStatementsAreNot() {
    assertThat(
            rules(
                "CREATE TABLE t (id INT NOT NULL);\nALTER TABLE users ADD COLUMN age INTEGER;"
                    + "\nALTER TABLE users ADD COLUMN n INTEGER NOT NULL DEFAULT 0;"
                    + "\nALTER TABLE users DROP CONSTRAINT uq_x;\nALTER TABLE users ALTER COLUMN a DROP DEFAULT;"
                    + "\nALTER TABLE users ALTER COLUMN a DROP NOT NULL;\nINSERT INTO t VALUES ('DROP TABLE x');"))
        .isEmpty();
  }

  @Test
  void postgresIndexesOnExistingTablesNeedConcurrently() {
    assertThat(rules("CREATE INDEX ix ON users (email);"))
        .containsExactly("index_without_concurrently");
    assertThat(rules("CREATE INDEX CONCURRENTLY ix ON users (email);")).isEmpty();
    assertThat(rules("CREATE TABLE users (id INT);\nCREATE UNIQUE INDEX ix ON users (id);"))
        .isEmpty();
    assertThat(rules(Dialects.MARIADB, Set.of(), "CREATE INDEX ix ON users (email);")).isEmpty();
  }

  /** A trigram index is an index like any other; installing its extension is no finding. */
  @Test
  void trigramIndexesFollowTheSameRuleAndTheirExtensionIsNoFinding() {
    String create =
        "CREATE INDEX \"ix_users_name_trgm\" ON \"users\" USING gin (\"name\" gin_trgm_ops);";
    assertThat(rules("CREATE EXTENSION IF NOT EXISTS pg_trgm;\n" + create))
        .containsExactly("index_without_concurrently");
    assertThat(
            rules(
                "CREATE INDEX CONCURRENTLY \"ix_users_name_trgm\" ON \"users\" USING gin "
                    + "(\"name\" gin_trgm_ops);"))
        .isEmpty();
    assertThat(rules("CREATE TABLE users (id INT, name TEXT);\n" + create)).isEmpty();
    assertThat(
            rules(
                "CREATE EXTENSION IF NOT EXISTS pg_trgm;\n"
                    + "-- lint:allow index_without_concurrently\n"
                    + create))
        .isEmpty();
  }

  @Test
  void newTablesMayHaveNotNullColumnsAdded() {
    assertThat(rules("CREATE TABLE \"t\" (id INT);\nALTER TABLE \"t\" ADD COLUMN x INT NOT NULL;"))
        .isEmpty();
  }

  @Test
  void renamingAStillMappedColumnIsFound() {
    String sql = "ALTER TABLE users RENAME COLUMN email TO mail;";
    assertThat(rules(Dialects.POSTGRESQL, Set.of("users.email"), sql))
        .containsExactly("rename_mapped_column");
    assertThat(rules(Dialects.POSTGRESQL, Set.of("users.mail"), sql)).isEmpty();
  }

  @Test
  void inlineSuppressionsSilenceNamedRulesOnly() {
    assertThat(rules("-- lint:allow drop_table\nDROP TABLE users;")).isEmpty();
    assertThat(rules("-- lint:allow\nALTER TABLE users DROP COLUMN a;")).isEmpty();
    assertThat(rules("-- lint:allow drop_table\nALTER TABLE users DROP COLUMN a;"))
        .containsExactly("drop_column");
    assertThat(rules("DROP TABLE a;\n-- lint:allow drop_table\nDROP TABLE b;"))
        .containsExactly("drop_table");
  }
}
