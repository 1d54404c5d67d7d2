package dev.svcinfra.migrate;

/**
 * One thing {@code sql repair} recorded: an applied revision's new checksum after its file was
 * edited on purpose, or the all-clear for a revision that failed half-applied and was finished or
 * undone by hand. The operator's reason is kept in the history table with it.
 *
 * <pre>{@code
 * for (Repair r : migrations.repair("reworded a comment in the index revision", List.of())) {
 *   System.out.println(r.revision() + " " + r.kind() + ": " + r.detail());
 * }
 * }</pre>
 *
 * @param detail what was wrong: the drift, or the failure as recorded
 * @since 0.1
 */
public record Repair(String revision, Kind kind, String detail) {

  /** What was repaired. */
  public enum Kind {
    /** The file changed after the revision was applied; its checksum is recorded anew. */
    CHECKSUM,
    /** The revision failed half-applied; the failure no longer stops migrations. */
    FAILURE
  }
}
