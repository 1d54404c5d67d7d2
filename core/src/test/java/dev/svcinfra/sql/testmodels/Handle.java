package dev.svcinfra.sql.testmodels;

import dev.svcinfra.sql.model.annotation.Column;
import dev.svcinfra.sql.model.annotation.Id;
import dev.svcinfra.sql.model.annotation.Index;
import dev.svcinfra.sql.model.annotation.Table;

/** A model whose email is unique ignoring case by an index every test database builds. */
@Table(name = "handles")
@Index(columns = "email", unique = true, ignoreCase = true)
public record Handle(@Id Long id, @Column(nullable = false, length = 200) String email) {}
