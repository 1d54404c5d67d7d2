package dev.svcinfra.mongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoDatabase;
import dev.svcinfra.mongo.testing.MongoTestDatabase;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class MongoRepositoryScopeTest {
  @RegisterExtension static MongoTestDatabase mongo = new MongoTestDatabase();

  private MongoDatabase db;
  private MongoRepository acme;
  private MongoRepository globex;

  @BeforeEach
  void setUp() {
    db = mongo.fresh();
    MongoRepository notes =
        MongoRepository.builder(db, "notes").softDelete().searchFields("title").build();
    acme = notes.scopedTo("tenant_id", "acme");
    globex = notes.scopedTo("tenant_id", "globex");
  }

  @Test
  void createStoresTheScopeValue() {
    Map<String, Object> created = acme.create(Map.of("title", "plan"));
    assertThat(created).containsEntry("tenant_id", "acme");
    assertThat(db.getCollection("notes").find().first().get("tenant_id")).isEqualTo("acme");
  }

  @Test
  void createNamingAnotherScopeIsRefusedAndWritesNothing() {
    assertThatThrownBy(() -> acme.create(Map.of("title", "x", "tenant_id", "globex")))
        .isInstanceOf(MongoValidationException.class)
        .extracting(e -> ((MongoValidationException) e).field())
        .isEqualTo("tenant_id");
    assertThat(db.getCollection("notes").countDocuments()).isZero();
  }

  @Test
  void anotherScopesDocumentIsNotFound() {
    String id = (String) acme.create(Map.of("title", "secret plan")).get("id");
    assertThat(globex.get(id)).isEmpty();
    assertThat(globex.count()).isZero();
    assertThat(globex.list(10, 0, List.of())).isEmpty();
    assertThat(globex.search("plan", List.of(), 10, 0, List.of())).isEmpty();
    assertThatThrownBy(() -> globex.update(id, Map.of("title", "mine")))
        .isInstanceOf(DocumentNotFoundException.class);
    assertThatThrownBy(() -> globex.delete(id)).isInstanceOf(DocumentNotFoundException.class);
    assertThat(acme.get(id).orElseThrow()).containsEntry("title", "secret plan");
  }

  @Test
  void updateCannotMoveADocumentToAnotherScope() {
    String id = (String) acme.create(Map.of("title", "plan")).get("id");
    acme.update(id, Map.of("tenant_id", "globex", "title", "plan 2"));
    assertThat(acme.get(id).orElseThrow())
        .containsEntry("tenant_id", "acme")
        .containsEntry("title", "plan 2");
    assertThat(globex.get(id)).isEmpty();
  }
}
