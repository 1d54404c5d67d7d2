package dev.svcinfra.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.svcinfra.sql.UnicodeCaseFoldTest.Member;
import dev.svcinfra.sql.repo.ListRequest;
import dev.svcinfra.sql.repo.SqlRepository;
import java.text.Normalizer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Issue 16, item 6, as a property on PostgreSQL, MariaDB, SQLite and DuckDB: under an ignore-case
 * unique index, two addresses that are equal once each letter is lowercased collide, and two that
 * differ by an accent (even with a change of case besides) or by width do not.
 */
class UnicodeIgnoreCaseUniquenessProperties {
  private static final SqlRepository<Member> MEMBERS = SqlRepository.of(Member.class);
  private static DatabasePerKind databases;

  /** Makes every try's addresses its own, since the tables live across tries. */
  private static final AtomicLong TRY = new AtomicLong();

  @BeforeContainer
  static void open() {
    databases = DatabasePerKind.withTables(Member.class);
  }

  @AfterContainer
  static void close() {
    databases.close();
  }

  /**
   * Letters whose lowercase every engine agrees on: ASCII, Latin-1, Greek and Cyrillic (no final
   * sigma, whose lowercase is itself), vowels that take an acute accent.
   */
  private static final String LETTERS =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
          + "àçèñöøÀÇÈÑÖØαβγδεζηθλμπσφωΑΒΓΔΕΖΗΘΛΜΠΣΦΩабвгджзиклмнопрстуфхцчшщыэюяАБВГДЖЗИКЛМНОПР"
          + "СТУФХЦЧШЩЫЭЮЯ0123456789.-";

  @Provide
  Arbitrary<String> addresses() {
    return Arbitraries.strings().withChars(LETTERS).ofMinLength(1).ofMaxLength(24);
  }

  @Provide
  Arbitrary<long[]> flips() {
    return Arbitraries.longs().array(long[].class).ofSize(2);
  }

  @Property(tries = 40)
  void equalUnderUnicodeLowercaseCollidesAndAnAccentDoesNot(
      @ForAll("addresses") String local, @ForAll("flips") long[] flips) {
    String base = local + "@t" + TRY.incrementAndGet();
    String twin = flipCase(base, flips[0]);
    Assume.that(!twin.equals(base));
    String accented = withAccent(base, (int) Math.floorMod(flips[1], base.length()));
    String accentedTwin = flipCase(accented, flips[0]);
    String wide = base.replace('@', '＠');
    for (Map.Entry<TestDatabase, Database> e : databases.all().entrySet()) {
      Database db = e.getValue();
      String where = e.getKey() + " " + base + " / " + twin + " / " + accentedTwin;
      db.useTransaction(tx -> MEMBERS.create(tx, Map.of("email", base)));
      assertThatThrownBy(() -> db.useTransaction(tx -> MEMBERS.create(tx, Map.of("email", twin))))
          .as("case twin collides: %s", where)
          .isInstanceOf(ConflictException.class);
      db.useTransaction(tx -> MEMBERS.create(tx, Map.of("email", accentedTwin)));
      assertThatThrownBy(
              () -> db.useTransaction(tx -> MEMBERS.create(tx, Map.of("email", accented))))
          .as("accented address collides with its own case twin: %s", where)
          .isInstanceOf(ConflictException.class);
      db.useTransaction(tx -> MEMBERS.create(tx, Map.of("email", wide)));
      // Search is "contains, ignoring case": it finds base by its twin, and everything it finds
      // contains the twin once lowercased; the accented twin is not found by base's text.
      List<String> found = search(db, twin);
      assertThat(found)
          .as("search by case twin: %s", where)
          .contains(base)
          .allSatisfy(f -> assertThat(lower(f)).contains(lower(twin)));
      assertThat(search(db, accentedTwin))
          .as("search by accented twin: %s", where)
          .doesNotContain(base);
    }
  }

  private static List<String> search(Database db, String q) {
    return db.inTransaction(
        tx ->
            MEMBERS
                .list(tx, ListRequest.builder().search(q, "email").limit(100).build())
                .items()
                .stream()
                .map(Member::email)
                .toList());
  }

  /** Each code point's Unicode lowercase, the rule every dialect follows. */
  private static String lower(String text) {
    StringBuilder out = new StringBuilder();
    text.codePoints().forEach(cp -> out.appendCodePoint(Character.toLowerCase(cp)));
    return out.toString();
  }

  /** Each letter upper- or lowercased by one bit of {@code bits}. */
  private static String flipCase(String text, long bits) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    for (int cp : text.codePoints().toArray()) {
      boolean upper = (bits >>> (i++ % 64) & 1) == 1;
      out.appendCodePoint(upper ? Character.toUpperCase(cp) : Character.toLowerCase(cp));
    }
    return out.toString();
  }

  /** {@code text} with an acute accent on the character at {@code at} (precomposed if any). */
  private static String withAccent(String text, int at) {
    String accented = text.substring(0, at + 1) + "\u0301" + text.substring(at + 1);
    return Normalizer.normalize(accented, Normalizer.Form.NFC);
  }
}
