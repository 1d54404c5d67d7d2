package dev.svcinfra.mongo.testing;

import com.mongodb.client.MongoDatabase;
import dev.svcinfra.mongo.MongoConnection;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit extension: one in-process server per test class, and {@link #fresh()} hands each test an
 * empty database of its own.
 *
 * <pre>{@code
 * @RegisterExtension static MongoTestDatabase mongo = new MongoTestDatabase();
 * MongoDatabase db = mongo.fresh();
 * }</pre>
 */
public final class MongoTestDatabase implements BeforeAllCallback, AfterAllCallback {
  private MongoTestServer server;
  private MongoConnection connection;

  @Override
  public void beforeAll(ExtensionContext context) {
    server = MongoTestServer.start();
    connection = MongoConnection.open(server.settings());
  }

  @Override
  public void afterAll(ExtensionContext context) {
    connection.close();
    server.close();
  }

  /** An empty database on the class's server. */
  public MongoDatabase fresh() {
    return connection.client().getDatabase(server.settings().database());
  }

  public MongoTestServer server() {
    return server;
  }
}
