package dev.svcinfra.javalin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.svcinfra.sql.model.internal.MappedColumn;
import dev.svcinfra.sql.model.internal.TableMapping;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Responses are written token by token ({@link ColumnJson#write}); they must read exactly as the
 * node form ({@link ColumnJson#toJson}) that the OpenAPI examples use, for every kind of value.
 */
class ColumnJsonWriteTest {
  private static final TableMapping<Gadget> GADGET = TableMapping.of(Gadget.class);

  @Test
  void everyKindOfValueRendersAsItsNodeForm() {
    Map<String, Object> specs = new LinkedHashMap<>();
    specs.put("size", List.of(1, 2));
    specs.put("price", new BigDecimal("1.50"));
    specs.put("none", null);
    assertSame("id", UUID.fromString("0000387f-f1a6-1a4a-f655-96eb4da91e12"));
    assertSame("code", "a \"quoted\" \u00e9 \n line");
    assertSame("count", 7);
    assertSame("count", -2147483648);
    assertSame("count", 99999999999L);
    assertSame("count", new BigInteger("123456789012345678901234567890"));
    assertSame("count", (short) 3);
    assertSame("price", new BigDecimal("12.300"));
    assertSame("price", new BigDecimal("1E+3"));
    assertSame("price", 2.5d);
    assertSame("active", true);
    assertSame("active", false);
    assertSame("released", LocalDate.of(2026, 1, 31));
    assertSame("seen_at", Instant.parse("2026-01-31T12:30:00.123456Z"));
    assertSame("color", Gadget.Color.GREEN);
    assertSame("specs", specs);
    assertSame("specs", "{\"stored\":[\"as\",\"text\"]}");
    assertSame("specs", "not json");
    assertSame("code", new byte[] {1, 2, 3});
    assertSame("code", null);
  }

  @Test
  void aRowRendersItsReadFieldsInOrder() {
    ResourceSchema<Gadget> schema =
        new ResourceSchema<>(GADGET, Set.of(), null, List.of("code", "count", "price"), null, null);
    Gadget g =
        new Gadget(
            UUID.randomUUID(), "g-1", 7, new BigDecimal("1.230"), null, null, null, null, null);
    String json =
        new String(JsonCodec.render(out -> schema.writeJson(out, g)), StandardCharsets.UTF_8);
    assertThat(json).isEqualTo("{\"code\":\"g-1\",\"count\":7,\"price\":1.230}");
  }

  private static void assertSame(String field, Object value) {
    MappedColumn column = GADGET.column(field).orElseThrow();
    String streamed =
        new String(
            JsonCodec.render(g -> ColumnJson.write(g, column, value)), StandardCharsets.UTF_8);
    String tree = JsonCodec.write(ColumnJson.toJson(column, value));
    assertThat(streamed)
        .as(field + " = " + (value instanceof byte[] b ? Arrays.toString(b) : value))
        .isEqualTo(tree);
  }
}
