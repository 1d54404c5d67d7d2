package dev.svcinfra.migrate;

import dev.svcinfra.migrate.internal.script.RevisionBody;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One revision: its id, the revisions it follows ({@code down_revision}, several for a merge, none
 * for a base), optional {@code depends_on} revisions on other branches, a message, where it came
 * from (a file or a class), the checksum of its source when it has one, and its body.
 *
 * <pre>{@code
 * Revision r = RevisionFile.read(Path.of("migrations/versions/1a2b3c4d5e6f_add_users.sql"));
 * r.downRevisions();   // ["0f0e0d0c0b0a"]
 * r.isMerge();         // false
 * }</pre>
 *
 * @since 0.1
 */
public record Revision(
    String id,
    List<String> downRevisions,
    List<String> dependsOn,
    String message,
    String origin,
    Optional<String> checksum,
    RevisionBody body) {

  public Revision {
    Objects.requireNonNull(id, "id");
    downRevisions = List.copyOf(downRevisions);
    dependsOn = List.copyOf(dependsOn);
    message = message == null ? "" : message;
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(checksum, "checksum");
    Objects.requireNonNull(body, "body");
  }

  /** Whether this revision starts a history (no {@code down_revision}). */
  public boolean isBase() {
    return downRevisions.isEmpty();
  }

  /** Whether this revision joins several branches. */
  public boolean isMerge() {
    return downRevisions.size() > 1;
  }

  /** {@code id (message)} for messages. */
  public String describe() {
    return message.isEmpty() ? id : id + " (" + message + ")";
  }
}
