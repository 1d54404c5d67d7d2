package dev.svcinfra.sql.testmodels;

import dev.svcinfra.sql.model.annotation.Column;
import dev.svcinfra.sql.model.annotation.Generation;
import dev.svcinfra.sql.model.annotation.Id;
import dev.svcinfra.sql.model.annotation.Table;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.UUID;

/** A hard-deleted model with a library-generated UUID id and the remaining column types. */
@Table(name = "tags")
public record Tag(
    @Id(generation = Generation.UUID) UUID id,
    @Column(nullable = false, length = 80) String label,
    byte[] data,
    LocalDateTime seenAt,
    LocalTime atTime,
    OffsetDateTime stampedAt,
    double score,
    Short rank,
    @Column(type = dev.svcinfra.sql.model.ColumnType.Kind.TEXT) String notes,
    com.fasterxml.jackson.databind.JsonNode meta) {}
