package dev.svcinfra.mongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.svcinfra.ErrorCode;
import dev.svcinfra.mongo.testing.MongoTestDatabase;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class MongoRepositorySearchTest {
  @RegisterExtension static MongoTestDatabase mongo = new MongoTestDatabase();

  private MongoRepository users;

  @BeforeEach
  void setUp() {
    users =
        MongoRepository.builder(mongo.fresh(), "users")
            .softDelete()
            .searchFields("name", "email")
            .orderFields("name")
            .defaultOrder("name")
            .build();
    for (String name :
        List.of(
            "Ada Lovelace",
            "abc",
            "a.c",
            "a*c",
            "(x)",
            "back\\slash",
            "100% sure",
            "under_score",
            "$money^",
            "[set]")) {
      users.create(
          Map.of("name", name, "email", name.replace(' ', '.') + "@example.com", "secret", "Ada"));
    }
  }

  private List<Object> names(String q, List<String> fields) {
    return users.search(q, fields, 100, 0, List.of()).stream().map(m -> m.get("name")).toList();
  }

  @Test
  void matchesCaseInsensitiveContains() {
    assertThat(names("LOVE", List.of("name"))).containsExactly("Ada Lovelace");
    assertThat(users.countSearch("love", List.of())).isEqualTo(1);
  }

  @Test
  void regularExpressionCharactersMatchLiterally() {
    assertThat(names("a.c", List.of("name"))).containsExactly("a.c");
    assertThat(names("a*c", List.of("name"))).containsExactly("a*c");
    assertThat(names(".*", List.of("name"))).isEmpty();
    assertThat(names("(x)", List.of("name"))).containsExactly("(x)");
    assertThat(names("k\\s", List.of("name"))).containsExactly("back\\slash");
    assertThat(names("$money^", List.of("name"))).containsExactly("$money^");
    assertThat(names("[set]", List.of("name"))).containsExactly("[set]");
    assertThat(names("%", List.of("name"))).containsExactly("100% sure");
    assertThat(names("_", List.of("name"))).containsExactly("under_score");
  }

  @Test
  void noFieldsMeansEveryDeclaredSearchField() {
    assertThat(names("lovelace@", List.of())).containsExactly("Ada Lovelace");
  }

  @Test
  void undeclaredFieldsAreRefusedNotIgnored() {
    assertThatThrownBy(() -> users.search("Ada", List.of("secret"), 10, 0, List.of()))
        .isInstanceOf(MongoValidationException.class)
        .hasMessageContaining("secret")
        .extracting(e -> ((MongoValidationException) e).code())
        .isEqualTo(ErrorCode.VALIDATION);
    assertThatThrownBy(() -> users.countSearch("", List.of("secret")))
        .isInstanceOf(MongoValidationException.class);
  }

  @Test
  void blankQueryMatchesEveryLiveDocument() {
    assertThat(users.search("  ", List.of(), 100, 0, List.of())).hasSize(10);
    assertThat(users.countSearch(null, null)).isEqualTo(10);
  }

  @Test
  void deletedDocumentsAreNeverFound() {
    String id = (String) users.search("Lovelace", List.of(), 1, 0, List.of()).get(0).get("id");
    users.delete(id);
    assertThat(names("Lovelace", List.of())).isEmpty();
    assertThat(users.countSearch("Lovelace", List.of())).isZero();
  }

  @Test
  void searchWithoutDeclaredFieldsIsRefused() {
    MongoRepository bare = MongoRepository.builder(mongo.fresh(), "bare").build();
    assertThatThrownBy(() -> bare.search("x", List.of(), 10, 0, List.of()))
        .isInstanceOf(MongoValidationException.class)
        .hasMessageContaining("no search fields");
  }
}
