package dev.svcinfra.migrate;

import java.util.Optional;

/**
 * What the history table knows of one revision, as {@code sql history --applied} shows it (Flyway's
 * {@code info}): whether it is applied now, when, by whom and how long it took, and whether its
 * file still matches what was applied.
 *
 * <pre>{@code
 * for (AppliedRevision r : migrations.appliedHistory()) {
 *   if (r.checksum() == AppliedRevision.ChecksumState.CHANGED) { ... }
 * }
 * }</pre>
 *
 * @param message the file's message, or the recorded one when the file is gone
 * @param appliedAt when the last upgrade or stamp was recorded, as the database prints it; empty
 *     when none was
 * @param appliedBy who ran it ({@code user@host}); empty when no upgrade or stamp was recorded
 * @param durationMs how long the upgrade took; empty for a stamp or offline run
 * @param lastStep the last recorded step: {@code upgrade}, {@code downgrade}, {@code stamp}, {@code
 *     failed} or {@code repair}; empty for a revision applied before history was kept
 * @param note the failure of a failed step, or the reason of the last repair; empty otherwise
 * @since 0.1
 */
public record AppliedRevision(
    String revision,
    String message,
    Status status,
    Optional<String> appliedAt,
    Optional<String> appliedBy,
    Optional<Long> durationMs,
    ChecksumState checksum,
    Optional<String> lastStep,
    Optional<String> note) {

  /** Where the revision stands now. */
  public enum Status {
    /** The version table holds it or a revision after it. */
    APPLIED,
    /** It failed half-applied and waits for {@code sql repair}. */
    FAILED,
    /** It was applied once and has been downgraded (or stamped away) since. */
    NOT_APPLIED
  }

  /** Whether the file matches the checksum recorded when the revision was applied. */
  public enum ChecksumState {
    OK,
    /** The file changed after it was applied ({@code sql repair} records the new one). */
    CHANGED,
    /** No revision file or class defines it any more. */
    MISSING_FILE,
    /** Nothing to compare: not applied, a Java revision, or applied before history was kept. */
    NOT_RECORDED
  }
}
