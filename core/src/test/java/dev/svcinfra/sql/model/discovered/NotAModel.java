package dev.svcinfra.sql.model.discovered;

public record NotAModel(Long id) {}
