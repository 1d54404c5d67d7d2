package dev.svcinfra.sql.repo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.svcinfra.sql.Database;
import dev.svcinfra.sql.DatabasePerKind;
import dev.svcinfra.sql.TestDatabase;
import dev.svcinfra.sql.model.annotation.Column;
import dev.svcinfra.sql.model.annotation.Id;
import dev.svcinfra.sql.model.annotation.Table;
import dev.svcinfra.sql.repo.Filter.Operator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Issue 21, as a property on PostgreSQL, MariaDB, SQLite and DuckDB: for open-ended text (Unicode
 * letters, LIKE wildcards, the escape character, backslash, brackets, astral characters) an
 * equality filter lists exactly the rows holding that text, and a prefix filter, with the case of
 * its letters flipped, lists the row it was cut from and nothing whose lowercase does not start
 * with the prefix's lowercase.
 */
class FilterValuePropertyTest {
  @Table(name = "filter_notes")
  record Note(@Id Long id, @Column(nullable = false, length = 200) String name) {}

  private static final SqlRepository<Note> NOTES = SqlRepository.of(Note.class);
  private static final AtomicLong TRY = new AtomicLong();
  private static DatabasePerKind databases;

  @BeforeContainer
  static void open() {
    databases = DatabasePerKind.withTables(Note.class);
  }

  @AfterContainer
  static void close() {
    databases.close();
  }

  /** Letters whose lowercase every engine agrees on, and the characters LIKE treats specially. */
  private static final String CHARS = "abcxyzABCXYZàçñöÀÇÑÖαβσωΑΒΣΩабяАБЯ0189 .-%_!\\[]^'\"*?中文";

  @Provide
  Arbitrary<String> texts() {
    Arbitrary<String> plain = Arbitraries.strings().withChars(CHARS).ofMinLength(1).ofMaxLength(20);
    // Astral characters (two UTF-16 units each) among the others.
    return Arbitraries.oneOf(plain, plain.map(s -> s + "😀" + s));
  }

  @Property(tries = 60)
  void equalityIsExactAndPrefixIgnoresCaseOnly(
      @ForAll("texts") String text,
      @ForAll @IntRange(min = 1, max = 30) int cut,
      @ForAll long flips) {
    String name = "t" + TRY.incrementAndGet() + "|" + text;
    int end = name.offsetByCodePoints(0, Math.min(cut + 2, name.codePointCount(0, name.length())));
    String prefix = flipCase(name.substring(0, end), flips);
    for (Map.Entry<TestDatabase, Database> e : databases.all().entrySet()) {
      Database db = e.getValue();
      String where = e.getKey() + " name=" + name + " prefix=" + prefix;
      db.useTransaction(tx -> NOTES.create(tx, Map.of("name", name)));
      assertThat(list(db, Filter.of("name", Operator.EQ, name)))
          .as("equality %s", where)
          .containsExactly(name);
      assertThat(list(db, Filter.of("name", Operator.PREFIX, prefix)))
          .as("prefix %s", where)
          .contains(name)
          .allSatisfy(n -> assertThat(lower(n)).startsWith(lower(prefix)));
    }
  }

  private static List<String> list(Database db, Filter filter) {
    return db.inTransaction(
        tx ->
            NOTES.list(tx, ListRequest.builder().where(filter).limit(100).build()).items().stream()
                .map(Note::name)
                .toList());
  }

  private static String lower(String text) {
    StringBuilder out = new StringBuilder();
    text.codePoints().forEach(cp -> out.appendCodePoint(Character.toLowerCase(cp)));
    return out.toString();
  }

  private static String flipCase(String text, long bits) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    for (int cp : text.codePoints().toArray()) {
      boolean upper = (bits >>> (i++ % 64) & 1) == 1;
      out.appendCodePoint(upper ? Character.toUpperCase(cp) : Character.toLowerCase(cp));
    }
    return out.toString();
  }
}
