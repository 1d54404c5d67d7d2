package dev.svcinfra.mongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.svcinfra.mongo.testing.MongoTestDatabase;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class MongoRepositoryPagingTest {
  @RegisterExtension static MongoTestDatabase mongo = new MongoTestDatabase();

  private MongoRepository items;

  @BeforeEach
  void setUp() {
    items =
        MongoRepository.builder(mongo.fresh(), "items")
            .softDelete()
            .orderFields("rank", "name")
            .defaultOrder("-rank")
            .build();
    // Ranks repeat, so the id tie-breaker decides the order inside a rank.
    for (int i = 0; i < 25; i++) {
      items.create(
          Map.of("id", String.format("item%02d", i), "name", "n" + (24 - i), "rank", i % 5));
    }
  }

  private static List<Object> ids(List<Map<String, Object>> docs) {
    return docs.stream().map(m -> m.get("id")).toList();
  }

  @Test
  void ordersByAllowedFieldsWithIdAsTieBreaker() {
    List<Object> byRank = ids(items.list(6, 0, List.of("rank")));
    assertThat(byRank).containsExactly("item00", "item05", "item10", "item15", "item20", "item01");
    List<Object> byRankDesc = ids(items.list(3, 0, List.of("-rank", "-id")));
    assertThat(byRankDesc).containsExactly("item24", "item19", "item14");
  }

  @Test
  void defaultOrderApplies() {
    assertThat(ids(items.list(2, 0, List.of()))).containsExactly("item04", "item09");
  }

  @Test
  void disallowedOrderFieldsAreRefused() {
    assertThatThrownBy(() -> items.list(10, 0, List.of("secret")))
        .isInstanceOf(MongoValidationException.class)
        .hasMessageContaining("secret")
        .extracting(e -> ((MongoValidationException) e).field())
        .isEqualTo("order_by");
    assertThatThrownBy(() -> items.list(10, 0, List.of("-")))
        .isInstanceOf(MongoValidationException.class);
    assertThatThrownBy(
            () -> MongoRepository.builder(mongo.fresh(), "x").defaultOrder("nope").build())
        .isInstanceOf(MongoValidationException.class);
  }

  @Test
  void limitAndOffsetPageWithoutOverlap() {
    List<Object> all = ids(items.list(100, 0, List.of("rank")));
    List<Object> paged = new ArrayList<>();
    for (int offset = 0; offset < 25; offset += 7) {
      paged.addAll(ids(items.list(7, offset, List.of("rank"))));
    }
    assertThat(paged).isEqualTo(all).hasSize(25);
  }

  @Test
  void badLimitsAndOffsetsAreRefused() {
    assertThatThrownBy(() -> items.list(0, 0, List.of()))
        .isInstanceOf(MongoValidationException.class)
        .hasMessageContaining("limit");
    assertThatThrownBy(() -> items.list(10, -1, List.of()))
        .isInstanceOf(MongoValidationException.class)
        .hasMessageContaining("offset");
    assertThatThrownBy(() -> items.page(0, List.of(), null))
        .isInstanceOf(MongoValidationException.class);
  }

  @Test
  void keysetPagesWalkEveryDocumentOnceInOrder() {
    for (List<String> order : List.of(List.of("-rank"), List.of("rank", "-name"), List.of("id"))) {
      List<Object> expected = ids(items.list(100, 0, order));
      List<Object> walked = new ArrayList<>();
      KeysetPage page = items.page(4, order, null);
      int pages = 1;
      walked.addAll(ids(page.items()));
      while (page.nextCursor().isPresent()) {
        page = items.page(4, order, page.nextCursor().get());
        walked.addAll(ids(page.items()));
        pages++;
      }
      assertThat(walked).as("order %s", order).isEqualTo(expected);
      assertThat(pages).isEqualTo(7);
    }
  }

  @Test
  void keysetPagesIncludeDocumentsWithMissingOrNullOrderValues() {
    MongoRepository sparse =
        MongoRepository.builder(mongo.fresh(), "sparse").orderFields("rank").build();
    for (int i = 0; i < 12; i++) {
      Map<String, Object> values = new HashMap<>();
      values.put("id", String.format("s%02d", i));
      if (i % 3 == 1) {
        values.put("rank", null);
      } else if (i % 3 == 2) {
        values.put("rank", i % 4);
      }
      sparse.create(values);
    }
    for (List<String> order : List.of(List.of("rank"), List.of("-rank"))) {
      List<Object> expected = ids(sparse.list(100, 0, order));
      List<Object> walked = new ArrayList<>();
      KeysetPage page = sparse.page(3, order, null);
      walked.addAll(ids(page.items()));
      while (page.nextCursor().isPresent()) {
        page = sparse.page(3, order, page.nextCursor().get());
        walked.addAll(ids(page.items()));
      }
      assertThat(walked).as("order %s", order).hasSize(12).isEqualTo(expected);
    }
  }

  @Test
  void theLastPageHasNoCursor() {
    KeysetPage page = items.page(25, List.of("id"), null);
    assertThat(page.items()).hasSize(25);
    assertThat(page.nextCursor()).isEqualTo(Optional.empty());
  }

  @Test
  void keysetSkipsDeletedDocuments() {
    KeysetPage first = items.page(5, List.of("id"), null);
    items.delete("item05");
    KeysetPage second = items.page(5, List.of("id"), first.nextCursor().orElseThrow());
    assertThat(ids(second.items()))
        .containsExactly("item06", "item07", "item08", "item09", "item10");
  }

  @Test
  void cursorsAreCheckedAgainstTheirOrder() {
    String cursor = items.page(5, List.of("rank"), null).nextCursor().orElseThrow();
    assertThatThrownBy(() -> items.page(5, List.of("name"), cursor))
        .isInstanceOf(MongoValidationException.class)
        .hasMessageContaining("rank");
    assertThatThrownBy(() -> items.page(5, List.of("rank"), "not-a-cursor"))
        .isInstanceOf(MongoValidationException.class)
        .extracting(e -> ((MongoValidationException) e).field())
        .isEqualTo("cursor");
  }
}
