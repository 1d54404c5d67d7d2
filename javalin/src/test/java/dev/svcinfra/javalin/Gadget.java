package dev.svcinfra.javalin;

import dev.svcinfra.sql.model.ColumnType;
import dev.svcinfra.sql.model.annotation.Column;
import dev.svcinfra.sql.model.annotation.Generation;
import dev.svcinfra.sql.model.annotation.Id;
import dev.svcinfra.sql.model.annotation.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

/** A model with one column of each JSON-relevant type. */
@Table(name = "gadgets")
public record Gadget(
    @Id(generation = Generation.UUID) UUID id,
    @Column(nullable = false, unique = true, length = 40) String code,
    Integer count,
    @Column(precision = 12, scale = 3) BigDecimal price,
    Boolean active,
    LocalDate released,
    Instant seenAt,
    Color color,
    @Column(type = ColumnType.Kind.JSON) Map<String, Object> specs) {

  /** An enum stored by name. */
  public enum Color {
    RED,
    GREEN
  }
}
