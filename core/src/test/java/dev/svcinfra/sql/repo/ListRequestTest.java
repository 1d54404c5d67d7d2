package dev.svcinfra.sql.repo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.svcinfra.sql.FieldError;
import dev.svcinfra.sql.ValidationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * Issue 17: a list request is checked once, when it is built, against one maximum; what it holds
 * cannot change afterwards.
 */
class ListRequestTest {
  @Test
  void defaultsAreTheFirstPageOfFifty() {
    ListRequest r = ListRequest.firstPage();
    assertThat(r.limit()).isEqualTo(ListRequest.DEFAULT_LIMIT).isEqualTo(50);
    assertThat(r.offset()).isZero();
    assertThat(r.keyset()).isFalse();
    assertThat(r.cursor()).isNull();
    assertThat(r.orderBy()).isEmpty();
    assertThat(r.q()).isNull();
    assertThat(r.fields()).isEmpty();
    assertThat(r.filters().isEmpty()).isTrue();
  }

  @Test
  void theOneMaximumIsAThousand() {
    assertThat(ListRequest.MAX_LIMIT).isEqualTo(1000);
    assertThat(ListRequest.builder().limit(1000).build().limit()).isEqualTo(1000);
    assertThatThrownBy(() -> ListRequest.builder().limit(1001).build())
        .isInstanceOfSatisfying(
            ValidationException.class,
            e ->
                assertThat(e.errors())
                    .containsExactly(
                        new FieldError("limit", FieldError.INVALID_VALUE, "must be 1..1000")));
  }

  @Test
  void everyProblemIsReportedTogetherNamingItsParameter() {
    assertThatThrownBy(() -> ListRequest.builder().limit(0).offset(-1).after("c").build())
        .isInstanceOfSatisfying(
            ValidationException.class,
            e -> {
              assertThat(e.errors())
                  .extracting(FieldError::field)
                  .containsExactly("limit", "offset", "cursor");
              assertThat(e.errors().get(1).message()).isEqualTo("must be 0 or more");
              assertThat(e.errors().get(2).code()).isEqualTo(FieldError.NOT_ALLOWED);
            });
  }

  @Test
  void aKeysetRequestTakesNoOffsetNoSearchAndOneOrderField() {
    assertThat(
            ListRequest.builder().after(null).orderBy("-created_at").search("  ").build().keyset())
        .isTrue();
    assertThat(ListRequest.builder().after("").build().cursor()).isNull();
    for (ListRequest.Builder bad :
        List.of(
            ListRequest.builder().offset(0).after(null),
            ListRequest.builder().after("x").search("ann"),
            ListRequest.builder().after("x").orderBy("a", "b"))) {
      assertThatThrownBy(bad::build)
          .isInstanceOfSatisfying(
              ValidationException.class,
              e -> assertThat(e.errors()).extracting(FieldError::field).containsExactly("cursor"));
    }
    // The default order may name several fields; a keyset list orders by its first.
    assertThat(ListRequest.builder().after(null).defaultOrder(List.of("a", "b")).build().orderBy())
        .containsExactly("a", "b");
  }

  @Test
  void theBuiltRequestDoesNotFollowItsBuilderOrItsInputs() {
    List<String> order = new ArrayList<>(List.of("name"));
    ListRequest.Builder b =
        ListRequest.builder().orderBy(order).search("ann", "email").where("tenant_id", "acme");
    ListRequest r = b.build();
    order.add("email");
    b.limit(7).orderBy("id").where("tenant_id", "globex").search("bob");
    assertThat(r.orderBy()).containsExactly("name");
    assertThat(r.limit()).isEqualTo(50);
    assertThat(r.q()).isEqualTo("ann");
    assertThat(r.filters().conditions()).containsExactly(Map.entry("tenant_id", "acme"));
    assertThatThrownBy(() -> r.orderBy().add("x"))
        .isInstanceOf(UnsupportedOperationException.class);
    ListRequest other = r.withFilters(Scope.where("tenant_id", "globex"));
    assertThat(r.filters().conditions()).containsEntry("tenant_id", "acme");
    assertThat(other.filters().conditions()).containsEntry("tenant_id", "globex");
    assertThat(other.orderBy()).isEqualTo(r.orderBy());
  }

  @Property(tries = 300)
  void buildsExactlyTheRequestsInRange(@ForAll int limit, @ForAll long offset) {
    boolean valid = limit >= 1 && limit <= ListRequest.MAX_LIMIT && offset >= 0;
    try {
      ListRequest r = ListRequest.builder().limit(limit).offset(offset).build();
      assertThat(valid).as("built limit %s offset %s", limit, offset).isTrue();
      assertThat(r.limit()).isEqualTo(limit);
      assertThat(r.offset()).isEqualTo(offset);
    } catch (ValidationException e) {
      assertThat(valid).as("refused limit %s offset %s", limit, offset).isFalse();
      List<String> expected = new ArrayList<>();
      if (limit < 1 || limit > ListRequest.MAX_LIMIT) {
        expected.add("limit");
      }
      if (offset < 0) {
        expected.add("offset");
      }
      assertThat(e.errors()).extracting(FieldError::field).containsExactlyElementsOf(expected);
    }
  }
}
