package dev.svcinfra.spring.internal;

import dev.svcinfra.migrate.AppliedRevision;
import dev.svcinfra.migrate.Drift;
import dev.svcinfra.migrate.MigrationStatus;
import dev.svcinfra.migrate.Migrations;
import dev.svcinfra.migrate.Revision;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * {@code /actuator/svcinfra-migrations}: where the database stands against the revisions, like
 * Flyway's endpoint: the applied heads, the revision heads, every revision with its state ({@code
 * applied}, {@code pending}, {@code failed}), when and by whom it was applied, whether its file
 * changed since, and drift.
 */
@Endpoint(id = MigrationsEndpoint.ID)
public final class MigrationsEndpoint {
  /** The endpoint id; its web path is {@code svcinfra-migrations} (set by the starter). */
  public static final String ID = "svcinframigrations";

  /** Empty when the application has no revisions. */
  private final Optional<Migrations> configured;

  public MigrationsEndpoint(Optional<Migrations> migrations) {
    this.configured = migrations;
  }

  @ReadOperation
  public Map<String, Object> migrations() {
    if (configured.isEmpty()) {
      Map<String, Object> none = new LinkedHashMap<>();
      none.put("script_location", null);
      none.put("revisions", List.of());
      return none;
    }
    Migrations migrations = configured.get();
    MigrationStatus status = migrations.current();
    Map<String, AppliedRevision> known =
        migrations.appliedHistory().stream()
            .collect(
                Collectors.toMap(
                    AppliedRevision::revision, r -> r, (a, b) -> b, LinkedHashMap::new));
    Set<String> inFiles = new java.util.HashSet<>();
    List<Map<String, Object>> revisions = new ArrayList<>();
    for (Revision r : migrations.history()) {
      inFiles.add(r.id());
      revisions.add(entry(r.id(), r.message(), known.get(r.id())));
    }
    // Applied once, but no file defines them any more.
    known.values().stream()
        .filter(a -> !inFiles.contains(a.revision()))
        .forEach(a -> revisions.add(entry(a.revision(), a.message(), a)));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("script_location", migrations.settings().scriptLocation().toString());
    body.put("current", status.current());
    body.put("heads", status.heads());
    body.put("at_head", status.atHead());
    body.put(
        "pending",
        revisions.stream()
            .filter(m -> "pending".equals(m.get("state")))
            .map(m -> m.get("revision"))
            .toList());
    body.put("revisions", revisions);
    body.put("drift", status.drift().stream().map(Drift::describe).toList());
    return body;
  }

  private static Map<String, Object> entry(String id, String message, AppliedRevision applied) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("revision", id);
    m.put("message", message);
    if (applied == null) {
      m.put("state", "pending");
      return m;
    }
    m.put(
        "state",
        switch (applied.status()) {
          case APPLIED -> "applied";
          case FAILED -> "failed";
          case NOT_APPLIED -> "pending";
        });
    applied.appliedAt().ifPresent(v -> m.put("applied_at", v));
    applied.appliedBy().ifPresent(v -> m.put("applied_by", v));
    applied.durationMs().ifPresent(v -> m.put("duration_ms", v));
    m.put("checksum", applied.checksum().name().toLowerCase(java.util.Locale.ROOT));
    applied.lastStep().ifPresent(v -> m.put("last_step", v));
    applied.note().ifPresent(v -> m.put("note", v));
    return m;
  }
}
