package dev.svcinfra.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.svcinfra.sql.model.ColumnType;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Transaction#queryFirst} maps the first row only, answers empty when there is none, leaves
 * the transaction usable for the next statement and translates failures like every other statement.
 */
class QueryFirstTest extends DatabaseSuite {

  static SqlStatement statement(String sql, Object... values) {
    return new SqlStatement(sql, values, new ColumnType[values.length], null);
  }

  @ParameterizedTest
  @MethodSource("dev.svcinfra.sql.TestDatabase#all")
  void firstRowOrEmpty(TestDatabase kind) {
    Database db = open(kind);
    db.useTransaction(
        tx -> {
          tx.execute("CREATE TABLE items (id INTEGER PRIMARY KEY, name VARCHAR(20))");
          for (int i = 1; i <= 3; i++) {
            tx.execute("INSERT INTO items (id, name) VALUES (?, ?)", i, "item " + i);
          }
        });
    db.useTransaction(
        tx -> {
          assertThat(
                  tx.queryFirst(
                      statement("SELECT name FROM items ORDER BY id DESC"), rs -> rs.getString(1)))
              .contains("item 3");
          assertThat(
                  tx.queryFirst(
                      statement("SELECT name FROM items WHERE id = ?", 2), rs -> rs.getString(1)))
              .contains("item 2");
          assertThat(
                  tx.queryFirst(
                      statement("SELECT name FROM items WHERE id = ?", 9), rs -> rs.getString(1)))
              .isEmpty();
          // The unread rest of the first result does not hold up the next statement.
          tx.execute("DELETE FROM items WHERE id = ?", 1);
          assertThat(tx.query("SELECT id FROM items ORDER BY id", rs -> rs.getInt(1)))
              .isEqualTo(List.of(2, 3));
        });
    assertThatThrownBy(
            () ->
                db.useTransaction(
                    tx ->
                        tx.queryFirst(
                            statement("SELECT nothing FROM nowhere"), rs -> rs.getString(1))))
        .isInstanceOf(DatabaseException.class);
    List<Long> count =
        db.inTransaction(tx -> tx.query("SELECT COUNT(*) FROM items", rs -> rs.getLong(1)));
    assertThat(count).containsExactly(2L);
  }
}
