package dev.svcinfra.mongo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import dev.svcinfra.ErrorCode;
import dev.svcinfra.mongo.MongoIndexes.Outcome;
import dev.svcinfra.mongo.MongoIndexes.Status;
import dev.svcinfra.mongo.testing.MongoTestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class MongoIndexesTest {
  @RegisterExtension static MongoTestDatabase mongo = new MongoTestDatabase();

  private static final List<MongoIndex> DECLARED =
      List.of(
          MongoIndex.on("users", "email").unique(),
          MongoIndex.on("users", "tenant_id", "-created_at"),
          MongoIndex.on("sessions", "expires_at").expireAfter(Duration.ofHours(1)));

  private MongoDatabase db;

  @BeforeEach
  void setUp() {
    db = mongo.fresh();
  }

  private Map<String, Document> indexes(String collection) {
    Map<String, Document> byName = new LinkedHashMap<>();
    for (Document d : db.getCollection(collection).listIndexes().into(new ArrayList<>())) {
      byName.put(d.getString("name"), d);
    }
    return byName;
  }

  @Test
  void createsUniqueCompoundAndTtlIndexes() {
    List<Outcome> outcomes = MongoIndexes.ensure(db, DECLARED);
    assertThat(outcomes).extracting(Outcome::status).containsOnly(Status.CREATED);

    Map<String, Document> users = indexes("users");
    assertThat(users).containsKeys("_id_", "email_1", "tenant_id_1_created_at_-1");
    assertThat(users.get("email_1").getBoolean("unique")).isTrue();
    assertThat(users.get("tenant_id_1_created_at_-1").get("key", Document.class).keySet())
        .containsExactly("tenant_id", "created_at");
    Document ttl = indexes("sessions").get("expires_at_1");
    assertThat(((Number) ttl.get("expireAfterSeconds")).longValue()).isEqualTo(3600);
  }

  @Test
  void runningTwiceChangesNothing() {
    MongoIndexes.ensure(db, DECLARED);
    List<Outcome> again = MongoIndexes.ensure(db, DECLARED);
    assertThat(again).extracting(Outcome::status).containsOnly(Status.PRESENT);
    assertThat(indexes("users")).hasSize(3);
  }

  @Test
  void theUniqueIndexIsEnforced() {
    MongoIndexes.ensure(db, DECLARED);
    MongoRepository users = MongoRepository.builder(db, "users").build();
    users.create(Map.of("email", "a@example.com"));
    assertThatThrownBy(() -> users.create(Map.of("email", "a@example.com")))
        .isInstanceOf(DuplicateKeyException.class);
  }

  @Test
  void anExistingIndexWithOtherOptionsIsAConflictNotADrop() {
    db.getCollection("users").createIndex(new Document("email", 1), new IndexOptions());
    assertThatThrownBy(() -> MongoIndexes.ensure(db, DECLARED))
        .isInstanceOf(IndexConflictException.class)
        .hasMessageContaining("email_1")
        .hasMessageContaining("unique")
        .extracting(e -> ((IndexConflictException) e).code())
        .isEqualTo(ErrorCode.INDEX_CONFLICT);
    assertThat(indexes("users").get("email_1").getBoolean("unique")).isNull();
  }

  @Test
  void duplicateDataBlocksAUniqueIndexWithAClearError() {
    db.getCollection("users")
        .insertMany(List.of(new Document("email", "x"), new Document("email", "x")));
    assertThatThrownBy(() -> MongoIndexes.ensure(db, List.of(DECLARED.get(0))))
        .isInstanceOf(IndexConflictException.class)
        .hasMessageContaining("duplicate values");
    assertThat(indexes("users")).doesNotContainKey("email_1");
  }

  @Test
  void declarationsAreValidated() {
    assertThatThrownBy(() -> MongoIndex.on("sessions", "a", "b").expireAfter(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("TTL");
    assertThatThrownBy(() -> MongoIndex.on("users")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> MongoIndex.on("users", "$bad"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(MongoIndex.on("users", "a").named("by_a").name()).isEqualTo("by_a");
  }
}
