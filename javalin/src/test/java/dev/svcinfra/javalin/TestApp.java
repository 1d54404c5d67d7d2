package dev.svcinfra.javalin;

import dev.svcinfra.sql.Database;
import dev.svcinfra.sql.model.internal.TableMapping;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Consumer;

/** A Javalin app with the SQL (or Mongo) plugin on port 0, and a tiny HTTP client for it. */
final class TestApp implements AutoCloseable {
  final Javalin app;
  private final HttpClient client = HttpClient.newHttpClient();

  TestApp(Consumer<SqlPlugin.Config> sql, Consumer<JavalinConfig> more) {
    this(
        Javalin.create(
            config -> {
              config.registerPlugin(new SqlPlugin(sql));
              more.accept(config);
            }));
  }

  private TestApp(Javalin created) {
    this.app = created.start("127.0.0.1", 0);
  }

  /** An app with the Mongo plugin only. */
  static TestApp mongo(Consumer<MongoPlugin.Config> mongo) {
    return new TestApp(Javalin.create(config -> config.registerPlugin(new MongoPlugin(mongo))));
  }

  /** Creates the tables of {@code models} in {@code db}. */
  static void createTables(Database db, Class<?>... models) {
    db.useTransaction(
        tx -> {
          for (Class<?> m : models) {
            for (String sql : db.dialect().createTableStatements(TableMapping.of(m).table())) {
              tx.execute(sql);
            }
          }
        });
  }

  HttpResponse<String> send(String method, String path, String body, String... headers)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
            .timeout(Duration.ofSeconds(30))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Override
  public void close() {
    app.stop();
  }
}
