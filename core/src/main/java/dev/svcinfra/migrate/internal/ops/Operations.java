package dev.svcinfra.migrate.internal.ops;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A list of operations and what undoes it: the reversed list of inverses.
 *
 * <pre>{@code
 * List<MigrationOp> down = Operations.downgrade(up);
 * }</pre>
 *
 * @since 0.1
 */
public final class Operations {
  private Operations() {}

  public static List<MigrationOp> downgrade(List<MigrationOp> upgrade) {
    List<MigrationOp> out = new ArrayList<>();
    for (MigrationOp op : upgrade) {
      out.add(op.inverse());
    }
    Collections.reverse(out);
    return out;
  }
}
