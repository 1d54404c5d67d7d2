package dev.svcinfra.sql.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.svcinfra.sql.Database;
import dev.svcinfra.sql.DatabasePerKind;
import dev.svcinfra.sql.NotFoundException;
import dev.svcinfra.sql.TestDatabase;
import dev.svcinfra.sql.repo.ListRequest;
import dev.svcinfra.sql.repo.SqlRepository;
import dev.svcinfra.sql.service.TenantExactMatchTest.Note;
import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Issue 16, item 1, as a property on PostgreSQL, MariaDB, SQLite and DuckDB: for any tenant id and
 * any other id that differs from it only by case, an accent (precomposed or combining), width
 * (fullwidth forms), whitespace or an invisible mark, neither tenant reads, counts, searches,
 * changes or deletes the other's notes.
 */
class TenantIsolationProperties {
  private static final SqlRepository<Note> NOTES = SqlRepository.of(Note.class);
  private static DatabasePerKind databases;

  @BeforeContainer
  static void open() {
    databases = DatabasePerKind.withTables(Note.class);
  }

  @AfterContainer
  static void close() {
    databases.close();
  }

  /** A tenant id and a lookalike: the same text with one small change. */
  record Pair(String tenant, String lookalike) {}

  private static final String LETTERS =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ" + "0123456789-_.çéüßωΩжЖ";

  @Provide
  Arbitrary<Pair> pairs() {
    Arbitrary<String> ids = Arbitraries.strings().withChars(LETTERS).ofMinLength(1).ofMaxLength(20);
    Arbitrary<Integer> kinds = Arbitraries.integers().between(0, LOOKALIKES.size() - 1);
    Arbitrary<Integer> positions = Arbitraries.integers().between(0, 1_000);
    return Combinators.combine(ids, kinds, positions)
        .as((id, kind, at) -> new Pair(id, LOOKALIKES.get(kind).change(id, at % id.length())));
  }

  /** One way to change one character (at {@code at}) or the ends of a tenant id. */
  interface Change {
    String change(String id, int at);
  }

  private static final List<Change> LOOKALIKES =
      List.of(
          (id, at) ->
              replace(
                  id,
                  at,
                  Character.isUpperCase(id.codePointAt(at))
                      ? Character.toLowerCase(id.codePointAt(at))
                      : Character.toUpperCase(id.codePointAt(at))),
          (id, at) -> id.toUpperCase(Locale.ROOT),
          (id, at) -> insertAfter(id, at, "\u0301"),
          (id, at) -> insertAfter(id, at, "\u0308"),
          (id, at) -> replace(id, at, accented(id.codePointAt(at))),
          (id, at) -> replace(id, at, fullwidth(id.codePointAt(at))),
          (id, at) -> id + " ",
          (id, at) -> " " + id,
          (id, at) -> id + "\t",
          (id, at) -> id + "\u00a0",
          (id, at) -> insertAfter(id, at, "\u200b"),
          (id, at) -> insertAfter(id, at, "\u3000"));

  @Property(tries = 40)
  void aLookalikeTenantNeverReachesTheOthersNotes(@ForAll("pairs") Pair pair) {
    Assume.that(!pair.tenant().equals(pair.lookalike()));
    for (Map.Entry<TestDatabase, Database> e : databases.all().entrySet()) {
      Database db = e.getValue();
      String where = e.getKey() + " " + escaped(pair);
      RowService<Note> owner = new TenantSqlService<>(NOTES, pair.tenant(), "tenant_id");
      RowService<Note> other = new TenantSqlService<>(NOTES, pair.lookalike(), "tenant_id");
      Note mine = db.inTransaction(tx -> owner.create(tx, Map.of("title", "mine")));
      Note theirs = db.inTransaction(tx -> other.create(tx, Map.of("title", "theirs")));
      cannotReach(db, other, pair.lookalike(), mine, where);
      cannotReach(db, owner, pair.tenant(), theirs, where);
      Optional<Note> kept = db.inTransaction(tx -> NOTES.get(tx, mine.id()));
      assertThat(kept).as(where).map(Note::title).contains("mine");
      assertThat(kept).map(Note::tenantId).contains(pair.tenant());
    }
  }

  /** {@code reader}, tenant {@code tenant}, neither sees nor touches {@code foreign}. */
  private static void cannotReach(
      Database db, RowService<Note> reader, String tenant, Note foreign, String where) {
    db.useTransaction(
        tx -> {
          Optional<Note> got = reader.get(tx, foreign.id());
          assertThat(got).as("get %s", where).isEmpty();
          assertThat(reader.list(tx, ListRequest.builder().limit(1_000).build()).items())
              .as("list %s", where)
              .allSatisfy(n -> assertThat(n.tenantId()).isEqualTo(tenant))
              .noneMatch(n -> n.id().equals(foreign.id()));
          assertThat(
                  reader.list(tx, ListRequest.builder().search("e").limit(1_000).build()).items())
              .as("search %s", where)
              .allSatisfy(n -> assertThat(n.tenantId()).isEqualTo(tenant));
          assertThat(
                  reader
                      .listAfter(tx, ListRequest.builder().limit(1_000).after(null).build())
                      .items())
              .as("keyset %s", where)
              .allSatisfy(n -> assertThat(n.tenantId()).isEqualTo(tenant));
        });
    assertThatThrownBy(
            () ->
                db.useTransaction(tx -> reader.update(tx, foreign.id(), Map.of("title", "taken"))))
        .as("update %s", where)
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(() -> db.useTransaction(tx -> reader.delete(tx, foreign.id())))
        .as("delete %s", where)
        .isInstanceOf(NotFoundException.class);
  }

  private static String replace(String id, int at, int codePoint) {
    int end = at + Character.charCount(id.codePointAt(at));
    return id.substring(0, at) + new String(Character.toChars(codePoint)) + id.substring(end);
  }

  private static String insertAfter(String id, int at, String text) {
    int end = at + Character.charCount(id.codePointAt(at));
    return id.substring(0, end) + text + id.substring(end);
  }

  /** The letter with an acute accent where Unicode has one precomposed, else itself. */
  private static int accented(int cp) {
    String composed =
        Normalizer.normalize(new String(Character.toChars(cp)) + "\u0301", Normalizer.Form.NFC);
    return composed.codePointCount(0, composed.length()) == 1 ? composed.codePointAt(0) : cp;
  }

  /** The fullwidth form of a printable ASCII character, else the ideographic space. */
  private static int fullwidth(int cp) {
    return cp > 0x20 && cp < 0x7f ? cp + 0xFEE0 : 0x3000;
  }

  private static String escaped(Pair p) {
    return "'"
        + p.tenant()
        + "' vs '"
        + p.lookalike()
            .codePoints()
            .mapToObj(
                c -> c < 0x7f && c > 0x20 ? String.valueOf((char) c) : String.format("\\u%04x", c))
            .reduce("", String::concat)
        + "'";
  }
}
