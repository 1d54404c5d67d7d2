package dev.svcinfra.migrate;

/**
 * An applied revision whose file changed after it was applied: the checksum recorded then and the
 * checksum of the file now.
 *
 * <pre>{@code
 * context.drift().forEach(d -> System.err.println(d.describe()));
 * }</pre>
 *
 * @since 0.1
 */
public record Drift(String revision, String origin, String appliedChecksum, String fileChecksum) {
  public String describe() {
    return revision
        + " ("
        + origin
        + ") changed after it was applied: recorded sha256 "
        + appliedChecksum.substring(0, 12)
        + "..., file now "
        + fileChecksum.substring(0, 12)
        + "...";
  }
}
