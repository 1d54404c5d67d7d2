package dev.svcinfra.mongo;

import com.mongodb.client.MongoDatabase;
import java.util.Optional;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@code ping} command, answering why it failed instead of throwing. */
final class Ping {
  private static final Logger LOG = LoggerFactory.getLogger(Ping.class);

  private Ping() {}

  /**
   * Empty when the server answered {@code ok: 1}; otherwise a short reason that names the exception
   * type only (driver messages list hosts and may quote the connection string).
   */
  static Optional<String> failure(MongoDatabase database) {
    try {
      Document reply = database.runCommand(new Document("ping", 1));
      if (reply.get("ok") instanceof Number ok && ok.doubleValue() == 1.0) {
        return Optional.empty();
      }
      return Optional.of("ping answered without ok: 1");
    } catch (RuntimeException e) {
      LOG.debug("MongoDB ping failed: {}", e.getClass().getSimpleName());
      return Optional.of(e.getClass().getSimpleName());
    }
  }
}
