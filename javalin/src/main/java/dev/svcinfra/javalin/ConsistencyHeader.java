package dev.svcinfra.javalin;

import dev.svcinfra.ErrorCode;
import dev.svcinfra.sql.ConsistencyToken;
import dev.svcinfra.sql.Database;
import io.javalin.http.Context;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code X-Consistency-Token} header (issue 20): a write answered while a replica is configured
 * carries the primary's position after its commit; a read sending it back runs on the replica only
 * once the replica has applied that write. A header that is no token of this service is a 400
 * {@code consistency_token_invalid}, never a 500; a token of another database reads from the
 * primary.
 */
final class ConsistencyHeader {
  static final String NAME = "X-Consistency-Token";

  private static final Logger LOG = LoggerFactory.getLogger(ConsistencyHeader.class);
  private static final AtomicBoolean WARNED = new AtomicBoolean();

  private ConsistencyHeader() {}

  /** The request's token, or null when it sends none. */
  static ConsistencyToken read(Context ctx) {
    List<String> values = Collections.list(ctx.req().getHeaders(NAME));
    if (values.isEmpty()) {
      return null;
    }
    if (values.size() > 1) {
      throw new RequestRejectedException(
          ErrorCode.CONSISTENCY_TOKEN_INVALID,
          NAME + " is sent " + values.size() + " times; send the token of the last write once");
    }
    try {
      return ConsistencyToken.parse(values.get(0));
    } catch (IllegalArgumentException e) {
      throw new RequestRejectedException(
          ErrorCode.CONSISTENCY_TOKEN_INVALID, NAME + ": " + e.getMessage());
    }
  }

  /**
   * Adds the token of a write that has just committed. The write stands whatever happens here: a
   * primary that cannot be asked costs the client its token (its next read may then miss the write
   * on the replica), never the answer.
   */
  static void issue(Context ctx, Database db) {
    if (!db.hasReplica()) {
      return; // every read runs on the primary: nothing to wait for
    }
    try {
      db.consistencyToken().ifPresent(t -> ctx.header(NAME, t.value()));
    } catch (RuntimeException e) {
      // Once at WARN: a primary that refuses the position query (a revoked function, say)
      // would otherwise log on every write.
      if (WARNED.compareAndSet(false, true)) {
        LOG.warn("no {} for a committed write (logged once): {}", NAME, e.getMessage());
      } else {
        LOG.debug("no {} for a committed write: {}", NAME, e.getMessage());
      }
    }
  }
}
