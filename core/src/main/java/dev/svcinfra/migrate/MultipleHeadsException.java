package dev.svcinfra.migrate;

import dev.svcinfra.ErrorCode;
import java.util.List;

/**
 * A target that needs a single head ({@code head}, a new revision's parent) met several. The
 * message lists the heads and says how to merge them.
 *
 * <pre>{@code
 * catch (MultipleHeadsException e) { e.heads(); }   // ["1a2b3c4d5e6f", "6f5e4d3c2b1a"]
 * }</pre>
 *
 * @since 0.1
 */
public class MultipleHeadsException extends MigrationException {
  private static final long serialVersionUID = 1L;

  private final List<String> heads;

  public MultipleHeadsException(List<String> heads, String forWhat) {
    super(
        ErrorCode.MULTIPLE_HEADS,
        "Multiple heads are present for "
            + forWhat
            + ": "
            + String.join(", ", heads)
            + ". Run 'svc-infra sql merge heads -m \"merge heads\"' to "
            + "merge them, or upgrade every branch with 'svc-infra sql upgrade heads'");
    this.heads = List.copyOf(heads);
  }

  public List<String> heads() {
    return heads;
  }
}
