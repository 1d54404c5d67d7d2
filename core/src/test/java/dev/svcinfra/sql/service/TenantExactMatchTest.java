package dev.svcinfra.sql.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.svcinfra.sql.ConflictException;
import dev.svcinfra.sql.Database;
import dev.svcinfra.sql.DatabaseSuite;
import dev.svcinfra.sql.NotFoundException;
import dev.svcinfra.sql.TestDatabase;
import dev.svcinfra.sql.model.annotation.Column;
import dev.svcinfra.sql.model.annotation.Generation;
import dev.svcinfra.sql.model.annotation.Id;
import dev.svcinfra.sql.model.annotation.Table;
import dev.svcinfra.sql.model.internal.TableMapping;
import dev.svcinfra.sql.repo.ListRequest;
import dev.svcinfra.sql.repo.Scope;
import dev.svcinfra.sql.repo.Slice;
import dev.svcinfra.sql.repo.SqlRepository;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 16, item 1: tenant ids, keys stored as text, unique keys and keyset cursors compare exactly
 * on every database, whatever the server's default collation (MariaDB's ignores case, accents and
 * trailing spaces). A tenant whose id differs from another's only by case, an accent, width, a
 * space or a combining mark sees none of the other's rows.
 */
class TenantExactMatchTest extends DatabaseSuite {
  @Table(name = "notes")
  public record Note(
      @Id Long id,
      @Column(nullable = false, length = 64) String tenantId,
      @Column(nullable = false, length = 200) String title) {}

  @Table(name = "codes")
  public record Code(
      @Id(generation = Generation.NONE) @Column(length = 40) String code,
      @Column(nullable = false, unique = true, length = 40) String label,
      UUID ref) {}

  static final SqlRepository<Note> NOTES = SqlRepository.of(Note.class);
  static final SqlRepository<Code> CODES = SqlRepository.of(Code.class);

  /** Tenant ids that a case-, accent-, width- or pad-insensitive collation takes for "acme-x". */
  static final List<String> LOOKALIKES =
      List.of(
          "ACME-x",
          "Acme-X",
          "ácme-x",
          "acme-x ",
          " acme-x",
          "ａｃｍｅ-ｘ",
          "acme\u0301-x",
          "acme-x\u00a0",
          "acme-x\t",
          "acme-ẋ",
          "ACME-Ẋ");

  @ParameterizedTest
  @MethodSource("dev.svcinfra.sql.TestDatabase#all")
  void aLookalikeTenantReachesNothing(TestDatabase kind) {
    Database db = open(kind);
    TestDatabase.create(db, TableMapping.of(Note.class).table());
    RowService<Note> owner = new TenantSqlService<>(NOTES, "acme-x", "tenant_id");
    Note mine = db.inTransaction(tx -> owner.create(tx, Map.of("title", "secret")));
    for (String other : LOOKALIKES) {
      RowService<Note> intruder = new TenantSqlService<>(NOTES, other, "tenant_id");
      db.useTransaction(
          tx -> {
            assertThat(intruder.get(tx, mine.id())).as("get as %s", other).isEmpty();
            assertThat(intruder.list(tx, ListRequest.builder().limit(100).build()).items())
                .as("list as %s", other)
                .isEmpty();
            assertThat(
                    intruder
                        .list(tx, ListRequest.builder().search("secret").limit(100).build())
                        .items())
                .as("search as %s", other)
                .isEmpty();
            assertThat(intruder.countFiltered(tx, Scope.all())).as("count as %s", other).isZero();
            assertThat(
                    intruder
                        .listAfter(tx, ListRequest.builder().limit(100).after(null).build())
                        .items())
                .as("keyset as %s", other)
                .isEmpty();
          });
      assertThatThrownBy(
              () ->
                  db.useTransaction(tx -> intruder.update(tx, mine.id(), Map.of("title", "taken"))))
          .as("update as %s", other)
          .isInstanceOf(NotFoundException.class);
      assertThatThrownBy(() -> db.useTransaction(tx -> intruder.delete(tx, mine.id())))
          .as("delete as %s", other)
          .isInstanceOf(NotFoundException.class);
      // The lookalike's own note lives beside the owner's and stays its own.
      Note theirs = db.inTransaction(tx -> intruder.create(tx, Map.of("title", "other")));
      Optional<Note> crossed = db.inTransaction(tx -> owner.get(tx, theirs.id()));
      assertThat(crossed).isEmpty();
    }
    Optional<Note> still = db.inTransaction(tx -> owner.get(tx, mine.id()));
    assertThat(still).map(Note::title).contains("secret");
    List<Note> listed =
        db.inTransaction(tx -> owner.list(tx, ListRequest.builder().limit(100).build()).items());
    assertThat(listed).extracting(Note::id).containsExactly(mine.id());
  }

  @ParameterizedTest
  @MethodSource("dev.svcinfra.sql.TestDatabase#all")
  void textKeysAndUniqueKeysCompareExactly(TestDatabase kind) {
    Database db = open(kind);
    TestDatabase.create(db, TableMapping.of(Code.class).table());
    List<String> keys = List.of("abc", "ABC", "ábc", "abc ", "ａｂｃ", "abc\u0301");
    db.useTransaction(
        tx -> {
          for (String k : keys) {
            CODES.create(tx, Map.of("code", k, "label", "label " + k));
          }
        });
    db.useTransaction(
        tx -> {
          for (String k : keys) {
            assertThat(CODES.get(tx, k)).as("get %s", k).map(Code::label).contains("label " + k);
          }
          assertThat(CODES.count(tx)).isEqualTo(keys.size());
          assertThat(CODES.get(tx, "Abc")).isEmpty();
        });
    // A unique key refuses only the very same text.
    db.useTransaction(tx -> CODES.create(tx, Map.of("code", "k1", "label", "Label")));
    db.useTransaction(tx -> CODES.create(tx, Map.of("code", "k2", "label", "label")));
    db.useTransaction(tx -> CODES.create(tx, Map.of("code", "k3", "label", "Label ")));
    assertThatThrownBy(
            () -> db.useTransaction(tx -> CODES.create(tx, Map.of("code", "k4", "label", "Label"))))
        .isInstanceOf(ConflictException.class);
    // A UUID kept as text (CHAR(36) on MySQL, MariaDB and SQLite) matches itself only.
    UUID ref = UUID.fromString("0f8fad5b-d9cb-469f-a165-70867728950e");
    db.useTransaction(tx -> CODES.create(tx, Map.of("code", "u", "label", "u", "ref", ref)));
    long same = db.inTransaction(tx -> CODES.countFiltered(tx, Scope.where("ref", ref)));
    assertThat(same).isEqualTo(1);
    long neighbour =
        db.inTransaction(
            tx ->
                CODES.countFiltered(
                    tx,
                    Scope.where("ref", UUID.fromString("0f8fad5b-d9cb-469f-a165-70867728950f"))));
    assertThat(neighbour).isZero();
  }

  /**
   * Keyset pages over a text column visit every row once, in code point order: the order in which
   * binary collations (and PostgreSQL's C.UTF-8 test databases) sort text.
   */
  @ParameterizedTest
  @MethodSource("dev.svcinfra.sql.TestDatabase#all")
  void keysetCursorsOverTextSeeEveryRowOnceInCodePointOrder(TestDatabase kind) {
    Database db = open(kind);
    TestDatabase.create(db, TableMapping.of(Code.class).table());
    List<String> labels =
        List.of(
            "b",
            "B",
            "a",
            "A",
            "á",
            "Á",
            "a ",
            "ａ",
            "z",
            "\uFF5A",
            "\uD801\uDC00",
            "\uD801\uDC28",
            "\uE000",
            "é",
            "e\u0301");
    db.useTransaction(
        tx -> {
          int i = 0;
          for (String l : labels) {
            CODES.create(tx, Map.of("code", "c" + i++, "label", l));
          }
        });
    SqlRepository<Code> ordered = SqlRepository.builder(Code.class).orderFields("label").build();
    List<String> seen = new ArrayList<>();
    String cursor = null;
    do {
      String after = cursor;
      Slice<Code> slice =
          db.inTransaction(
              tx ->
                  ordered.listAfter(
                      tx, ListRequest.builder().limit(2).orderBy("label").after(after).build()));
      slice.items().forEach(c -> seen.add(c.label()));
      cursor = slice.nextCursor().orElse(null);
    } while (cursor != null);
    List<String> expected =
        labels.stream()
            .sorted(Comparator.comparing(s -> s.codePoints().toArray(), Arrays::compare))
            .toList();
    assertThat(seen).isEqualTo(expected);
  }
}
