package dev.svcinfra.javalin;

import dev.svcinfra.config.MongoSettings;
import dev.svcinfra.mongo.Mongo;
import io.javalin.config.EventConfig;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Ties the process-wide MongoDB client ({@link Mongo}) to a Javalin server: {@code initMongo} when
 * the server starts, {@code closeMongo} when it has stopped. It adds listeners next to the app's
 * own, never replacing them; a client that cannot be created fails the start.
 *
 * <pre>{@code
 * Javalin app = Javalin.create(config -> MongoLifecycle.install(config.events,
 *     MongoSettings.from(Env.system())));
 * }</pre>
 *
 * <p>Listeners run in registration order: the app's {@code serverStarted} listeners (and {@code
 * serverStarting} ones registered after this call) see an open client; its {@code serverStopping}
 * listeners still do.
 *
 * @since 0.1
 */
public final class MongoLifecycle {
  private MongoLifecycle() {}

  /** Opens the client on start and closes it once the server has stopped. */
  public static void install(EventConfig events, MongoSettings settings) {
    install(events, settings, database -> {});
  }

  /**
   * As {@link #install(EventConfig, MongoSettings)}, then hands the opened database to {@code
   * onOpen} in the same listener: Javalin promises no order between two listeners of one event, so
   * work that needs the client must not sit in a listener of its own.
   */
  public static void install(
      EventConfig events,
      MongoSettings settings,
      Consumer<com.mongodb.client.MongoDatabase> onOpen) {
    Objects.requireNonNull(settings, "settings");
    events.serverStarting(() -> onOpen.accept(Mongo.initMongo(settings)));
    events.serverStopped(Mongo::closeMongo);
    // A start that fails after the client opened (a busy port) must not leave it open.
    events.serverStartFailed(Mongo::closeMongo);
  }
}
