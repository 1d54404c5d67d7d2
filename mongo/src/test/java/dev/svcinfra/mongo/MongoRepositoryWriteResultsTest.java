package dev.svcinfra.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import dev.svcinfra.mongo.testing.MongoTestDatabase;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.bson.types.Binary;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What create and update return is what a later read returns: the same fields in the same order,
 * with equal values of the same Java types at every depth. Values the driver encodes into another
 * type (an Instant into a BSON date, a Set into an array) come back as reads decode them.
 */
class MongoRepositoryWriteResultsTest {
  @RegisterExtension static MongoTestDatabase mongo = new MongoTestDatabase();

  private MongoRepository items;

  @BeforeEach
  void setUp() {
    MongoDatabase db = mongo.fresh();
    items = MongoRepository.builder(db, "items").softDelete().build();
  }

  /** One field per kind of value the driver's codecs store as another type. */
  private static Map<String, Object> valuesOfEveryKind() {
    Map<String, Object> nested = new LinkedHashMap<>();
    nested.put("seen", Instant.parse("2026-01-31T12:30:00.123456789Z"));
    nested.put("count", (short) 2);
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("name", "pen");
    values.put("at", Instant.parse("2026-01-31T12:30:00.123456789Z"));
    values.put("day", LocalDate.of(2026, 1, 31));
    values.put("price", new BigDecimal("12.50"));
    values.put("ratio", 0.5f);
    values.put("small", (short) 7);
    values.put("key", UUID.fromString("0f8fad5b-d9cb-469f-a165-70867728950e"));
    values.put("bytes", new byte[] {1, 2, 3});
    values.put("weekday", DayOfWeek.MONDAY);
    values.put("tags", new LinkedHashSet<>(List.of("a", "b")));
    values.put("meta", nested);
    values.put("times", List.of(Instant.ofEpochSecond(1), Map.of("x", 1L)));
    // A lone surrogate cannot be stored as UTF-8: what is read back is what the server holds.
    values.put("broken", "a\uD800b");
    values.put("nothing", null);
    return values;
  }

  @Test
  void createReturnsWhatGetReturns() {
    Map<String, Object> created = items.create(valuesOfEveryKind());

    Map<String, Object> read = items.get((String) created.get("id")).orElseThrow();
    assertSameDocument(created, read);
    assertSameDocument(created, items.list(10, 0, List.of()).get(0));
  }

  @Test
  void createReturnsTheTypesReadsDecode() {
    Map<String, Object> created = items.create(valuesOfEveryKind());

    assertThat(created.get("at")).isEqualTo(Date.from(Instant.parse("2026-01-31T12:30:00.123Z")));
    assertThat(created.get("day")).isEqualTo(Date.from(Instant.parse("2026-01-31T00:00:00Z")));
    assertThat(created.get("price")).isEqualTo(new Decimal128(new BigDecimal("12.50")));
    assertThat(created.get("ratio")).isEqualTo(0.5d);
    assertThat(created.get("small")).isEqualTo(7);
    assertThat(created.get("bytes")).isEqualTo(new Binary(new byte[] {1, 2, 3}));
    assertThat(created.get("weekday")).isEqualTo("MONDAY");
    assertThat(created.get("tags")).isEqualTo(List.of("a", "b"));
    assertThat(created.get("meta")).isInstanceOf(Document.class);
    assertThat(created.get("created_at"))
        .isInstanceOf(Date.class)
        .isEqualTo(created.get("updated_at"));
  }

  @Test
  void createDoesNotShareTheCallersValues() {
    List<String> tags = new ArrayList<>(List.of("a"));
    Map<String, Object> created = items.create(Map.of("tags", tags));
    tags.add("added later");

    assertThat(created.get("tags")).isEqualTo(List.of("a"));
    assertSameDocument(created, items.get((String) created.get("id")).orElseThrow());
  }

  @Test
  void updateReturnsWhatGetReturns() {
    String id = (String) items.create(Map.of("name", "pen")).get("id");

    Map<String, Object> updated = items.update(id, valuesOfEveryKind());
    assertSameDocument(updated, items.get(id).orElseThrow());

    Map<String, Object> unchanged = items.update(id, Map.of("created_at", Instant.EPOCH));
    assertSameDocument(unchanged, items.get(id).orElseThrow());
  }

  @Test
  void aScopedCreateReturnsWhatAScopedGetReturns() {
    MongoRepository acme = items.scopedTo("tenant_id", "acme");
    Map<String, Object> created = acme.create(valuesOfEveryKind());

    assertSameDocument(created, acme.get((String) created.get("id")).orElseThrow());
  }

  private static void assertSameDocument(Map<String, Object> returned, Map<String, Object> read) {
    assertSameValue("document", returned, read);
  }

  /** Equal values of the same class, recursively; map keys in the same order. */
  private static void assertSameValue(String path, Object returned, Object read) {
    if (returned == null || read == null) {
      assertThat(returned).as(path).isEqualTo(read);
      return;
    }
    assertThat(returned.getClass()).as("type of " + path).isEqualTo(read.getClass());
    if (returned instanceof Map<?, ?> r) {
      Map<?, ?> m = (Map<?, ?>) read;
      assertThat(List.copyOf(r.keySet()))
          .as("fields of " + path)
          .isEqualTo(List.copyOf(m.keySet()));
      r.forEach((k, v) -> assertSameValue(path + "." + k, v, m.get(k)));
    } else if (returned instanceof List<?> r) {
      List<?> l = (List<?>) read;
      assertThat(r).as(path).hasSameSizeAs(l);
      for (int i = 0; i < r.size(); i++) {
        assertSameValue(path + "[" + i + "]", r.get(i), l.get(i));
      }
    } else {
      assertThat(returned).as(path).isEqualTo(read);
    }
  }
}
