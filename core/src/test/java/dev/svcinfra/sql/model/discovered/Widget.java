package dev.svcinfra.sql.model.discovered;

import dev.svcinfra.sql.model.annotation.Id;
import dev.svcinfra.sql.model.annotation.Table;

@Table(name = "widgets")
public record Widget(@Id Long id, String name) {}
