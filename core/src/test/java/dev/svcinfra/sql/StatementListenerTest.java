package dev.svcinfra.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.svcinfra.sql.model.ColumnType;
import dev.svcinfra.sql.model.annotation.Column;
import dev.svcinfra.sql.model.annotation.Id;
import dev.svcinfra.sql.model.annotation.Table;
import dev.svcinfra.sql.model.internal.TableMapping;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Statement listeners (issue 21): each statement of a transaction reaches them once with its table,
 * operation, rows and failure, and never with its bind values.
 */
class StatementListenerTest extends DatabaseSuite {
  @Table(name = "notes")
  public record Note(
      @Id Long id, @Column(nullable = false, unique = true, length = 40) String body) {}

  private static SqlStatement insert(long id, String body) {
    return SqlStatement.forModel(
        Note.class,
        "INSERT INTO notes (id, body) VALUES (?, ?)",
        new Object[] {id, body},
        new ColumnType[] {null, null});
  }

  @ParameterizedTest
  @MethodSource("dev.svcinfra.sql.TestDatabase#all")
  void everyStatementReachesTheListenerWithoutItsValues(TestDatabase kind) {
    Database db = open(kind);
    TestDatabase.create(db, TableMapping.of(Note.class).table());
    List<StatementEvent> events = new CopyOnWriteArrayList<>();
    StatementListener listener = events::add;
    db.addStatementListener(listener);
    db.useTransaction(tx -> tx.execute(insert(1, "s3cr3t-value")));
    db.inTransaction(tx -> tx.query("  select body from notes where id = ?", rs -> 1, 1L));
    assertThatThrownBy(() -> db.useTransaction(tx -> tx.execute(insert(2, "s3cr3t-value"))))
        .isInstanceOf(ConflictException.class);
    db.removeStatementListener(listener);
    db.inTransaction(tx -> tx.query("SELECT 1", rs -> 1));

    assertThat(events).hasSize(3);
    StatementEvent insert = events.get(0);
    assertThat(insert.operation()).isEqualTo("INSERT");
    assertThat(insert.table()).isEqualTo("notes");
    assertThat(insert.rows()).isEqualTo(1);
    assertThat(insert.failure()).isNull();
    assertThat(insert.nanos()).isPositive();
    StatementEvent select = events.get(1);
    assertThat(select.operation()).isEqualTo("SELECT");
    assertThat(select.table()).isNull(); // hand-written SQL names no model
    assertThat(select.rows()).isEqualTo(1);
    StatementEvent conflict = events.get(2);
    assertThat(conflict.failure()).isInstanceOf(ConflictException.class);
    assertThat(conflict.timedOut()).isFalse();
    assertThat(conflict.rows()).isZero();
    assertThat(events).allSatisfy(e -> assertThat(e.toString()).doesNotContain("s3cr3t"));
  }

  @ParameterizedTest
  @MethodSource("dev.svcinfra.sql.TestDatabase#all")
  void aBrokenListenerNeverFailsTheStatement(TestDatabase kind) {
    Database db = open(kind);
    db.addStatementListener(
        e -> {
          throw new IllegalStateException("broken hook");
        });
    List<Integer> one = db.inTransaction(tx -> tx.query("SELECT 1", rs -> rs.getInt(1)));
    assertThat(one).containsExactly(1);
  }

  @org.junit.jupiter.api.Test
  void operationsAreAShortFixedList() {
    assertThat(StatementEvent.operationOf("SELECT 1")).isEqualTo("SELECT");
    assertThat(StatementEvent.operationOf("\n (select 1)")).isEqualTo("SELECT");
    assertThat(StatementEvent.operationOf("update t set a = 1")).isEqualTo("UPDATE");
    assertThat(StatementEvent.operationOf("with x as (select 1) select * from x"))
        .isEqualTo("WITH");
    assertThat(StatementEvent.operationOf("VACUUM")).isEqualTo("OTHER");
    assertThat(StatementEvent.operationOf("SELEСT 1")).isEqualTo("OTHER"); // Cyrillic С
    assertThat(StatementEvent.operationOf("")).isEqualTo("OTHER");
  }
}
