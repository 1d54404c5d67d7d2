package dev.svcinfra.cli.checkmodels;

import dev.svcinfra.sql.model.annotation.Column;
import dev.svcinfra.sql.model.annotation.Id;
import dev.svcinfra.sql.model.annotation.Table;

/** A model for the check command's tests. */
@Table(name = "customers")
public record Customer(@Id Long id, @Column(nullable = false, length = 320) String email) {}
