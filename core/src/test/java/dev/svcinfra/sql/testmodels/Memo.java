package dev.svcinfra.sql.testmodels;

import dev.svcinfra.sql.model.annotation.Column;
import dev.svcinfra.sql.model.annotation.Id;
import dev.svcinfra.sql.model.annotation.SoftDelete;
import dev.svcinfra.sql.model.annotation.Table;

/**
 * A model soft-deleted by a boolean flag (instead of a timestamp), with nullable boxed numbers and
 * a nullable boolean.
 */
@Table(name = "memos")
public record Memo(
    @Id Long id,
    @Column(nullable = false, length = 80) String title,
    Long parentId,
    Integer priority,
    Boolean pinned,
    @SoftDelete boolean deleted) {}
