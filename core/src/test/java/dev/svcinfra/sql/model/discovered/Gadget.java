package dev.svcinfra.sql.model.discovered;

import dev.svcinfra.sql.model.annotation.Id;
import dev.svcinfra.sql.model.annotation.Table;

@Table(name = "gadgets")
public record Gadget(@Id Long id) {}
