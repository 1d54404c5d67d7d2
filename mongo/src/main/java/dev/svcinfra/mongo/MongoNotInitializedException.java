package dev.svcinfra.mongo;

import dev.svcinfra.ErrorCode;

/**
 * {@link Mongo#acquireDb()} was called before {@link Mongo#initMongo} (or after {@link
 * Mongo#closeMongo()}). Code {@code mongo_not_initialized}.
 *
 * <pre>{@code
 * Mongo.initMongo(MongoSettings.from(Env.system()));   // at start-up, before any acquireDb()
 * }</pre>
 *
 * @since 0.1
 */
public class MongoNotInitializedException extends MongoStoreException {
  private static final long serialVersionUID = 1L;

  public MongoNotInitializedException() {
    super(
        ErrorCode.MONGO_NOT_INITIALIZED,
        "MongoDB is not initialized: call "
            + "Mongo.initMongo(settings) at start-up before acquireDb()");
  }
}
