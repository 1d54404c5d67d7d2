package dev.svcinfra.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.svcinfra.sql.model.ColumnType;
import dev.svcinfra.sql.model.internal.Column;
import dev.svcinfra.sql.model.internal.Table;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A second row with the same primary key is a conflict on the key's field on every database,
 * whether the database names the column, our DDL's {@code pk_<table>}, MySQL's {@code PRIMARY} or
 * PostgreSQL's {@code <table>_pkey} (the dialect tells which names mean "primary key").
 */
class PrimaryKeyConflictTest extends DatabaseSuite {

  @ParameterizedTest
  @MethodSource("dev.svcinfra.sql.TestDatabase#all")
  void aDuplicatePrimaryKeyNamesTheKeyField(TestDatabase kind) throws SQLException {
    Database db = open(kind);
    Table seats =
        Table.named("seats")
            .withColumns(
                List.of(
                    Column.of("code", ColumnType.string(10)).withNullable(false),
                    Column.of("holder", ColumnType.string(20))))
            .withPrimaryKey(List.of("code"));
    TestDatabase.create(db, seats);
    assertThat(conflictOn(db, seats, "seats").field()).contains("code");
  }

  /** A key declared without a name: PostgreSQL calls it {@code <table>_pkey}. */
  @ParameterizedTest
  @MethodSource("dev.svcinfra.sql.TestDatabase#all")
  void aDuplicateKeyOfATableMadeByHandNamesTheKeyField(TestDatabase kind) throws SQLException {
    Database db = open(kind);
    db.useTransaction(
        tx ->
            tx.execute(
                "CREATE TABLE rooms (code VARCHAR(10) NOT NULL PRIMARY KEY, "
                    + "holder VARCHAR(20))"));
    Table rooms =
        Table.named("rooms")
            .withColumns(
                List.of(
                    Column.of("code", ColumnType.string(10)).withNullable(false),
                    Column.of("holder", ColumnType.string(20))))
            .withPrimaryKey(List.of("code"));
    assertThat(conflictOn(db, rooms, "rooms").field()).contains("code");
  }

  private static ConflictException conflictOn(Database db, Table table, String name)
      throws SQLException {
    try (Connection c = db.connection();
        Statement st = c.createStatement()) {
      c.setAutoCommit(true);
      st.execute("INSERT INTO " + name + " (code, holder) VALUES ('a1', 'ann')");
      SQLException duplicate =
          catchThrowableOfType(
              () -> st.execute("INSERT INTO " + name + " (code, holder) VALUES ('a1', 'bob')"),
              SQLException.class);
      assertThat((Throwable) duplicate).as("the second insert fails").isNotNull();
      DatabaseException e = SqlFailures.translate(duplicate, db.dialect(), table, null);
      assertThat(e).isInstanceOf(ConflictException.class);
      return (ConflictException) e;
    }
  }
}
