package dev.svcinfra.bench;

import dev.svcinfra.sql.model.annotation.Column;
import dev.svcinfra.sql.model.annotation.Id;
import dev.svcinfra.sql.model.annotation.Table;

/**
 * The benchmark table: a generated id and three plain columns.
 *
 * @since 0.1
 */
@Table(name = "bench_items")
public record BenchItem(
    @Id Long id,
    @Column(nullable = false, length = 100) String name,
    int score,
    @Column(length = 200) String note) {}
