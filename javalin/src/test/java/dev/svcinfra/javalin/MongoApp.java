package dev.svcinfra.javalin;

import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Consumer;

/** A Javalin app with the Mongo plugin on port 0, and a tiny HTTP client for it. */
final class MongoApp implements AutoCloseable {
  final Javalin app;
  private final HttpClient client = HttpClient.newHttpClient();

  MongoApp(Consumer<MongoPlugin.Config> mongo) {
    this.app = Javalin.create(config -> config.registerPlugin(new MongoPlugin(mongo)))
        .start("127.0.0.1", 0);
  }

  HttpResponse<String> send(String method, String path, String body, String... headers)
      throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port()
        + path)).timeout(Duration.ofSeconds(30)).method(method, body == null
        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
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
