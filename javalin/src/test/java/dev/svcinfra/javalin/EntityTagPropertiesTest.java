package dev.svcinfra.javalin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.svcinfra.ErrorCode;
import dev.svcinfra.sql.repo.SqlRepository;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Open-ended inputs of entity tags (issue 16): any header value is either a valid condition or a
 * 400 {@code precondition_invalid}, never another failure; quoting a tag and parsing it back gives
 * the tag; rows that differ in any column, by case, accents or astral characters, have different
 * tags, and equal rows equal ones.
 */
class EntityTagPropertiesTest {
  static final SqlRepository<Gadget> GADGETS = SqlRepository.of(Gadget.class);

  @Property(tries = 500)
  void anyHeaderIsAConditionOrA400(@ForAll("headers") String value) {
    try {
      EntityTags.Condition c = EntityTags.parse(List.of(value), EntityTags.IF_MATCH);
      assertThat(c.any() || !c.all().isEmpty()).isTrue();
      assertThat(c.all()).containsAll(c.strong());
    } catch (RequestRejectedException e) {
      assertThat(e.code().httpStatus()).isEqualTo(400);
      assertThat(e.code()).isEqualTo(ErrorCode.PRECONDITION_INVALID);
    }
  }

  @Provide
  Arbitrary<String> headers() {
    Arbitrary<String> tag =
        Arbitraries.strings()
            .withCharRange('!', '~')
            .excludeChars('"')
            .ofMaxLength(24)
            .map(EntityTags::quoted);
    Arbitrary<String> item =
        Arbitraries.oneOf(
            tag,
            tag.map(t -> "W/" + t),
            Arbitraries.just("*"),
            Arbitraries.strings().all().ofMaxLength(12));
    return Combinators.combine(
            item.list().ofMinSize(1).ofMaxSize(4), Arbitraries.of(",", ", ", " ,\t", ""))
        .as((items, sep) -> String.join(sep, items));
  }

  @Property(tries = 300)
  void aQuotedTagParsesBackToItself(@ForAll("gadgets") Gadget g) {
    String tag = GADGETS.tag(g);
    EntityTags.Condition c =
        EntityTags.parse(List.of("\"other\", " + EntityTags.quoted(tag)), EntityTags.IF_MATCH);
    assertThat(EntityTags.strongTags(c)).contains(tag);
    assertThat(
            EntityTags.matchesWeakly(
                EntityTags.parse(List.of("W/" + EntityTags.quoted(tag)), EntityTags.IF_NONE_MATCH),
                tag))
        .isTrue();
  }

  @Property(tries = 300)
  void rowsThatDifferHaveDifferentTags(
      @ForAll("gadgets") Gadget g, @ForAll("texts") String a, @ForAll("texts") String b) {
    Gadget ga = withCode(g, a);
    Gadget gb = withCode(g, b);
    assertThat(GADGETS.tag(ga)).isEqualTo(GADGETS.tag(withCode(g, a)));
    assertThat(GADGETS.tag(ga).equals(GADGETS.tag(gb))).isEqualTo(a.equals(b));
  }

  @Provide
  Arbitrary<String> texts() {
    return Arbitraries.oneOf(
        Arbitraries.of(
            "acme",
            "ACME",
            "ácme",
            "a\u0301cme",
            "ａｃｍｅ",
            "acme ",
            " acme",
            "\uD83D\uDE00",
            "\uD83D\uDE01",
            "ß",
            "SS",
            "İ",
            "i",
            ""),
        Arbitraries.strings().all().ofMaxLength(8));
  }

  @Provide
  Arbitrary<Gadget> gadgets() {
    return Combinators.combine(
            texts(),
            Arbitraries.integers().injectNull(0.2),
            Arbitraries.bigDecimals()
                .ofScale(3)
                .between(new BigDecimal("-1000"), new BigDecimal("1000"))
                .injectNull(0.2),
            Arbitraries.of(true, false).injectNull(0.2),
            Arbitraries.maps(
                    Arbitraries.strings().alpha().ofMaxLength(3),
                    Arbitraries.integers().map(Object.class::cast))
                .ofMaxSize(3)
                .injectNull(0.2))
        .as(
            (code, count, price, active, specs) ->
                new Gadget(
                    UUID.randomUUID(),
                    code,
                    count,
                    price,
                    active,
                    LocalDate.of(2026, 1, 31),
                    Instant.EPOCH,
                    Gadget.Color.RED,
                    specs));
  }

  private static Gadget withCode(Gadget g, String code) {
    return new Gadget(
        g.id(),
        code,
        g.count(),
        g.price(),
        g.active(),
        g.released(),
        g.seenAt(),
        g.color(),
        g.specs());
  }

  @Example
  void jsonKeyOrderDoesNotChangeTheTag() {
    UUID id = UUID.randomUUID();
    Map<String, Object> ab = new LinkedHashMap<>();
    ab.put("a", 1);
    ab.put("b", List.of(2, 3));
    Map<String, Object> ba = new LinkedHashMap<>();
    ba.put("b", List.of(2, 3));
    ba.put("a", 1);
    Gadget x = new Gadget(id, "c", 1, null, null, null, null, null, ab);
    Gadget y = new Gadget(id, "c", 1, null, null, null, null, null, ba);
    assertThat(GADGETS.tag(x)).isEqualTo(GADGETS.tag(y));
    Gadget nullCount = new Gadget(id, "c", null, null, null, null, null, null, ab);
    assertThat(GADGETS.tag(nullCount)).isNotEqualTo(GADGETS.tag(x));
    assertThatThrownBy(() -> EntityTags.parse(List.of("\"a\"\u0000"), EntityTags.IF_MATCH))
        .isInstanceOf(RequestRejectedException.class);
  }
}
