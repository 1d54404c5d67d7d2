package dev.svcinfra.javalin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.svcinfra.ErrorCode;
import dev.svcinfra.SvcInfraException;
import dev.svcinfra.mongo.MongoStoreException;
import dev.svcinfra.sql.Database;
import dev.svcinfra.sql.DatabaseException;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every code answers the same way whichever layer raised it (issue 17): its status, its problem
 * code, and for 500 and 503 a generic detail with the message kept out of the body.
 */
class ErrorCodeResponsesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SECRET = "db.internal:5432 said no";

  @TempDir Path dir;

  @Test
  void everyCodeAnswersItsStatusFromSqlMongoAndPlainFailures() throws Exception {
    Database db = Database.open("sqlite:///" + dir.resolve("codes.db").toAbsolutePath());
    Javalin app =
        Javalin.create(
                config -> {
                  config.registerPlugin(new SqlPlugin(sql -> sql.database = db));
                  config.registerPlugin(new MongoPlugin(m -> {}));
                  config.routes.get(
                      "/plain/{code}",
                      ctx -> {
                        throw new SvcInfraException(code(ctx.pathParam("code")), SECRET);
                      });
                  config.routes.get(
                      "/sql/{code}",
                      ctx -> {
                        throw new DatabaseException(code(ctx.pathParam("code")), SECRET, null);
                      });
                  config.routes.get(
                      "/mongo/{code}",
                      ctx -> {
                        throw new MongoStoreException(code(ctx.pathParam("code")), SECRET);
                      });
                })
            .start("127.0.0.1", 0);
    try {
      HttpClient client = HttpClient.newHttpClient();
      for (String layer : new String[] {"plain", "sql", "mongo"}) {
        for (ErrorCode code : ErrorCode.values()) {
          HttpResponse<String> r =
              client.send(
                  HttpRequest.newBuilder(
                          URI.create(
                              "http://127.0.0.1:"
                                  + app.port()
                                  + "/"
                                  + layer
                                  + "/"
                                  + code.wireName()))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
          String what = layer + " " + code.wireName() + ": " + r.body();
          assertThat(r.statusCode()).as(what).isEqualTo(code.httpStatus());
          assertThat(r.headers().firstValue("Content-Type"))
              .as(what)
              .hasValue("application/problem+json");
          JsonNode body = JSON.readTree(r.body());
          assertThat(body.get("status").asInt()).as(what).isEqualTo(code.httpStatus());
          assertThat(body.get("code").asText()).as(what).isEqualTo(code.problemCode().wireName());
          if (code.httpStatus() >= 500) {
            assertThat(r.body()).as(what).doesNotContain(SECRET).contains("\"request_id\"");
          } else {
            assertThat(body.get("detail").asText()).as(what).isEqualTo(SECRET);
          }
          assertThat(r.headers().firstValue("Retry-After").isPresent())
              .as(what)
              .isEqualTo(code.httpStatus() == 503);
        }
      }
    } finally {
      app.stop(); // closes the database too
    }
  }

  private static ErrorCode code(String wireName) {
    return ErrorCode.fromWireName(wireName).orElseThrow();
  }
}
