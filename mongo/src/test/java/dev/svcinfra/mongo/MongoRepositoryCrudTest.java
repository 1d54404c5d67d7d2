package dev.svcinfra.mongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import dev.svcinfra.ErrorCode;
import dev.svcinfra.mongo.testing.MongoTestDatabase;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class MongoRepositoryCrudTest {
  @RegisterExtension static MongoTestDatabase mongo = new MongoTestDatabase();

  private MongoDatabase db;
  private MongoRepository users;

  @BeforeEach
  void setUp() {
    db = mongo.fresh();
    users = MongoRepository.builder(db, "users").softDelete().build();
  }

  @Test
  void createReturnsTheStoredDocumentWithAStringId() {
    Map<String, Object> created = users.create(Map.of("name", "Ada", "email", "ada@example.com"));
    String id = (String) created.get("id");
    assertThat(ObjectId.isValid(id)).isTrue();
    assertThat(created).doesNotContainKey("_id").containsEntry("name", "Ada");
    assertThat(created.get("created_at"))
        .isInstanceOf(Date.class)
        .isEqualTo(created.get("updated_at"));

    Document raw = db.getCollection("users").find().first();
    assertThat(raw.get("_id")).isEqualTo(new ObjectId(id));
    assertThat(users.get(id)).contains(created);
  }

  @Test
  void aGivenIdIsKeptAsAStringId() {
    users.create(Map.of("id", "ada", "name", "Ada"));
    assertThat(db.getCollection("users").find().first().get("_id")).isEqualTo("ada");
    assertThat(users.get("ada")).get().extracting(m -> m.get("name")).isEqualTo("Ada");
    assertThatThrownBy(() -> users.create(Map.of("id", 42)))
        .isInstanceOf(MongoValidationException.class);
    assertThatThrownBy(() -> users.create(Map.of("_id", "sneaky", "name", "x")))
        .isInstanceOf(MongoValidationException.class)
        .hasMessageContaining("\"id\"");
    assertThat(db.getCollection("users").countDocuments()).isEqualTo(1);
  }

  @Test
  void aStringIdThatLooksLikeAnObjectIdIsStillFound() {
    String hex = new ObjectId().toHexString();
    users.create(Map.of("id", hex, "name", "hexy"));
    assertThat(users.get(hex)).get().extracting(m -> m.get("name")).isEqualTo("hexy");
  }

  @Test
  void unknownIdsAreAbsentOrNotFound() {
    assertThat(users.get("nope")).isEmpty();
    assertThat(users.get(new ObjectId().toHexString())).isEmpty();
    assertThat(users.exists("nope")).isFalse();
    assertThatThrownBy(() -> users.update("nope", Map.of("name", "x")))
        .isInstanceOf(DocumentNotFoundException.class)
        .extracting(e -> ((DocumentNotFoundException) e).code())
        .isEqualTo(ErrorCode.NOT_FOUND);
    assertThatThrownBy(() -> users.delete("nope")).isInstanceOf(DocumentNotFoundException.class);
  }

  @Test
  void updateChangesFieldsAndIgnoresImmutableOnes() throws Exception {
    MongoRepository repo = MongoRepository.builder(db, "users").immutableFields("email").build();
    Map<String, Object> created = repo.create(Map.of("name", "Ada", "email", "ada@example.com"));
    String id = (String) created.get("id");
    Thread.sleep(5);
    Map<String, Object> changes = new HashMap<>();
    changes.put("name", "Ada L.");
    changes.put("email", "other@example.com");
    changes.put("id", "hijack");
    changes.put("created_at", new Date(0));
    changes.put("nickname", null);
    Map<String, Object> updated = repo.update(id, changes);

    assertThat(updated)
        .containsEntry("id", id)
        .containsEntry("name", "Ada L.")
        .containsEntry("email", "ada@example.com")
        .containsEntry("nickname", null)
        .containsEntry("created_at", created.get("created_at"));
    assertThat((Date) updated.get("updated_at")).isAfter((Date) created.get("updated_at"));
    assertThat(repo.get(id)).contains(updated);
  }

  @Test
  void anUpdateOfOnlyImmutableFieldsChangesNothing() {
    String id = (String) users.create(Map.of("name", "Ada")).get("id");
    Map<String, Object> before = users.get(id).orElseThrow();
    assertThat(users.update(id, Map.of("created_at", new Date(0), "id", "x"))).isEqualTo(before);
  }

  @Test
  void softDeleteHidesTheDocumentFromEveryOperation() {
    String id = (String) users.create(Map.of("name", "Ada")).get("id");
    users.create(Map.of("name", "Bob"));
    users.delete(id);

    assertThat(users.get(id)).isEmpty();
    assertThat(users.exists(id)).isFalse();
    assertThat(users.count()).isEqualTo(1);
    assertThat(users.list(10, 0, List.of())).extracting(m -> m.get("name")).containsExactly("Bob");
    assertThatThrownBy(() -> users.update(id, Map.of("name", "x")))
        .isInstanceOf(DocumentNotFoundException.class);
    assertThatThrownBy(() -> users.delete(id)).isInstanceOf(DocumentNotFoundException.class);
    Document raw = db.getCollection("users").find(new Document("name", "Ada")).first();
    assertThat(raw.get("deleted_at")).isInstanceOf(Date.class);
  }

  @Test
  void missingOrNullDeletedAtMeansAlive() {
    db.getCollection("users")
        .insertMany(
            List.of(
                new Document("_id", "a").append("name", "missing"),
                new Document("_id", "b").append("name", "null").append("deleted_at", null),
                new Document("_id", "c").append("name", "gone").append("deleted_at", new Date())));
    assertThat(users.count()).isEqualTo(2);
    assertThat(users.get("a")).isPresent();
    assertThat(users.get("b")).isPresent();
    assertThat(users.get("c")).isEmpty();
  }

  @Test
  void deletedAtCannotBeSetThroughCreateOrUpdate() {
    assertThatThrownBy(() -> users.create(Map.of("name", "x", "deleted_at", new Date())))
        .isInstanceOf(MongoValidationException.class);
    String id = (String) users.create(Map.of("name", "Ada")).get("id");
    users.update(id, Map.of("deleted_at", new Date()));
    assertThat(users.get(id)).isPresent();
  }

  @Test
  void hardDeleteRemovesTheDocument() {
    MongoRepository hard = MongoRepository.builder(db, "things").build();
    String id = (String) hard.create(Map.of("name", "x")).get("id");
    hard.delete(id);
    assertThat(db.getCollection("things").countDocuments()).isZero();
    assertThatThrownBy(() -> hard.delete(id)).isInstanceOf(DocumentNotFoundException.class);
  }

  @Test
  void duplicateKeysAreConflictsOnCreateAndUpdate() {
    db.getCollection("users")
        .createIndex(Indexes.ascending("email"), new IndexOptions().unique(true));
    users.create(Map.of("email", "ada@example.com"));
    String other = (String) users.create(Map.of("email", "bob@example.com")).get("id");

    assertThatThrownBy(() -> users.create(Map.of("email", "ada@example.com")))
        .isInstanceOf(DuplicateKeyException.class)
        .extracting(e -> ((DuplicateKeyException) e).code())
        .isEqualTo(ErrorCode.CONFLICT);
    assertThatThrownBy(() -> users.update(other, Map.of("email", "ada@example.com")))
        .isInstanceOf(DuplicateKeyException.class);
    assertThat(users.count()).isEqualTo(2);
    assertThat(users.get(other).orElseThrow()).containsEntry("email", "bob@example.com");
  }

  @Test
  void operatorAndDottedFieldNamesAreRefused() {
    String id =
        (String) users.create(Map.of("name", "Ada", "profile", Map.of("role", "user"))).get("id");
    assertThatThrownBy(() -> users.create(Map.of("$where", "1")))
        .isInstanceOf(MongoValidationException.class)
        .hasMessageContaining("$where");
    assertThatThrownBy(() -> users.update(id, Map.of("profile.role", "admin")))
        .isInstanceOf(MongoValidationException.class)
        .extracting(e -> ((MongoValidationException) e).field())
        .isEqualTo("profile.role");
    assertThat(users.get(id).orElseThrow().get("profile")).isEqualTo(new Document("role", "user"));
  }

  @Test
  void writableFieldsRefuseUnknownFields() {
    MongoRepository strict = MongoRepository.builder(db, "notes").writableFields("title").build();
    assertThatThrownBy(() -> strict.create(Map.of("title", "t", "admin", true)))
        .isInstanceOf(MongoValidationException.class)
        .hasMessageContaining("admin");
    assertThat(db.getCollection("notes").countDocuments()).isZero();
    String id = (String) strict.create(Map.of("title", "t")).get("id");
    assertThatThrownBy(() -> strict.update(id, Map.of("admin", true)))
        .isInstanceOf(MongoValidationException.class);
  }

  @Test
  void valuesWithoutACodecAreValidationErrors() {
    assertThatThrownBy(() -> users.create(Map.of("thing", new Object())))
        .isInstanceOf(MongoValidationException.class);
  }

  @Test
  void timestampsCanBeTurnedOff() {
    MongoRepository plain = MongoRepository.builder(db, "plain").timestamps(false).build();
    assertThat(plain.create(Map.of("a", 1))).containsOnlyKeys("id", "a");
  }
}
