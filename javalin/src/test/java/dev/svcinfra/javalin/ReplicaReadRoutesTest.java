package dev.svcinfra.javalin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.svcinfra.ErrorCode;
import dev.svcinfra.config.ConfigException;
import dev.svcinfra.config.DatabaseSettings;
import dev.svcinfra.config.Env;
import dev.svcinfra.sql.ConsistencyToken;
import dev.svcinfra.sql.Database;
import dev.svcinfra.sql.idempotency.IdempotencyRecord;
import dev.svcinfra.testing.TestServices;
import io.javalin.http.Context;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replica reads and consistency tokens over HTTP (issue 20). The "replica" is a second pool on the
 * same PostgreSQL database with another {@code application_name}, which tells the pools apart; a
 * real standby is the reliability suite's.
 */
class ReplicaReadRoutesTest {
  private static final String WHO = "SELECT current_setting('application_name')";
  private static final String HEADER = "X-Consistency-Token";

  @TempDir Path dir;

  private static void who(Context ctx) {
    ctx.result(SqlPlugin.session(ctx).query(WHO, rs -> rs.getString(1)).get(0));
  }

  @Test
  void readOnlyRoutesUseTheReplicaAndWritesAnswerWithAToken() throws Exception {
    String url = TestServices.newPostgresDatabase();
    Database db =
        Database.open(
            DatabaseSettings.of(url + "&application_name=primary")
                .withReplica(url + "&application_name=replica"));
    TestApp.createTables(db, Gadget.class);
    db.useTransaction(
        tx -> {
          for (String sql : db.dialect().createTableStatements(IdempotencyRecord.table())) {
            tx.execute(sql);
          }
        });
    try (TestApp t =
        new TestApp(
            sql -> {
              sql.database = db;
              sql.readFromReplica = true;
              sql.resource(SqlResource.of(Gadget.class).prefix("/gadgets").build());
              sql.resource(
                  SqlResource.of(Gadget.class)
                      .prefix("/primary-gadgets")
                      .readFromReplica(false)
                      .build());
              sql.resource(
                  SqlResource.of(Gadget.class)
                      .prefix("/replaceable")
                      .operations(SqlResource.Operation.GET, SqlResource.Operation.REPLACE)
                      .build());
            },
            config -> {
              config.routes.get("/who", SqlPlugin.readOnly(ReplicaReadRoutesTest::who));
              config.routes.get("/who-tx", SqlPlugin.transactional(ReplicaReadRoutesTest::who));
              config.routes.post("/who", SqlPlugin.readOnly(ReplicaReadRoutesTest::who));
            })) {
      assertThat(t.send("GET", "/who", null).body()).isEqualTo("replica");
      // Whatever the method: readOnly chooses the replica, and transactional keeps the primary.
      assertThat(t.send("POST", "/who", null).body()).isEqualTo("replica");
      assertThat(t.send("GET", "/who-tx", null).body()).isEqualTo("primary");

      HttpResponse<String> created =
          t.send("POST", "/gadgets", "{\"code\":\"g1\"}", "Content-Type", "application/json");
      assertThat(created.statusCode()).isEqualTo(201);
      String token = created.headers().firstValue(HEADER).orElseThrow();
      assertThat(ConsistencyToken.parse(token).value()).isEqualTo(token);
      String location = created.headers().firstValue("Location").orElseThrow();
      for (String path : new String[] {location, "/gadgets", "/gadgets?limit=5"}) {
        HttpResponse<String> read = t.send("GET", path, null, HEADER, token);
        assertThat(read.statusCode()).as(path).isEqualTo(200);
        assertThat(read.headers().firstValue(HEADER)).as("a read issues no token").isEmpty();
      }
      assertThat(t.send("GET", "/who", null, HEADER, token).body()).isEqualTo("replica");
      // A PUT is a write like the others: it answers with a token, and a read of the token sees it.
      String replaced = location.replace("/gadgets/", "/replaceable/");
      HttpResponse<String> put =
          t.send(
              "PUT",
              replaced,
              "{\"code\":\"g1-put\",\"count\":null,\"price\":null,\"active\":null,"
                  + "\"released\":null,\"seen_at\":null,\"color\":null,\"specs\":null}",
              "Content-Type",
              "application/json");
      assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
      String putToken = put.headers().firstValue(HEADER).orElseThrow();
      assertThat(t.send("GET", replaced, null, HEADER, putToken).body()).contains("g1-put");

      // A write replayed for its Idempotency-Key carries a token too.
      for (int i = 0; i < 2; i++) {
        HttpResponse<String> keyed =
            t.send(
                "POST",
                "/gadgets",
                "{\"code\":\"g2\"}",
                "Content-Type",
                "application/json",
                "Idempotency-Key",
                "k-1");
        assertThat(keyed.statusCode()).isEqualTo(201);
        assertThat(keyed.headers().firstValue("Idempotent-Replayed").isPresent()).isEqualTo(i == 1);
        assertThat(keyed.headers().firstValue(HEADER)).as("attempt %d", i).isPresent();
      }

      // A token of another primary is no error: the primary serves the read.
      String foreign = encode("1\npostgresql\n1\n0/1");
      assertThat(t.send("GET", "/who", null, HEADER, foreign).body()).isEqualTo("primary");
      assertThat(t.send("GET", location, null, HEADER, foreign).statusCode()).isEqualTo(200);

      // A header that is no token: 400 consistency_token_invalid, on every read route.
      for (String path :
          new String[] {"/who", location, "/gadgets", "/primary-gadgets", "/who-tx"}) {
        for (String bad :
            new String[] {"%%%", encode("1\npostgresql\n1\nnot-an-lsn"), encode("x")}) {
          HttpResponse<String> r = t.send("GET", path, null, HEADER, bad);
          assertThat(r.statusCode()).as("%s with %s", path, bad).isEqualTo(400);
          assertThat(r.headers().firstValue("Content-Type").orElse(""))
              .startsWith("application/problem+json");
          var body = new ObjectMapper().readTree(r.body());
          assertThat(body.path("code").asText()).isEqualTo("consistency_token_invalid");
          assertThat(body.path("detail").asText()).contains(HEADER);
        }
      }
      // The OpenAPI document is the same whether reads use the replica or not.
      String withReplicaReads = t.send("GET", "/openapi.json", null).body();
      try (TestApp off =
          new TestApp(
              sql -> {
                sql.database = db;
                sql.closeOnStop = false;
                sql.readFromReplica = false;
                sql.resource(SqlResource.of(Gadget.class).prefix("/gadgets").build());
                sql.resource(SqlResource.of(Gadget.class).prefix("/primary-gadgets").build());
                sql.resource(
                    SqlResource.of(Gadget.class)
                        .prefix("/replaceable")
                        .operations(SqlResource.Operation.GET, SqlResource.Operation.REPLACE)
                        .build());
              },
              config -> {})) {
        assertThat(off.send("GET", "/openapi.json", null).body()).isEqualTo(withReplicaReads);
      }
      assertThat(db.activeConnections()).isZero();
    } finally {
      db.close();
    }
  }

  @Test
  void withoutAReplicaWritesCarryNoTokenAndReadsStayOnThePrimary() throws Exception {
    Database db = Database.open("sqlite:///" + dir.resolve("r.db").toAbsolutePath());
    TestApp.createTables(db, Gadget.class);
    try (TestApp t =
        new TestApp(
            sql -> {
              sql.database = db;
              sql.env = Env.of(Map.of("DB_READ_FROM_REPLICA", "true"));
              sql.resource(SqlResource.of(Gadget.class).prefix("/gadgets").build());
            },
            config -> {})) {
      HttpResponse<String> created =
          t.send("POST", "/gadgets", "{\"code\":\"g1\"}", "Content-Type", "application/json");
      assertThat(created.statusCode()).isEqualTo(201);
      assertThat(created.headers().firstValue(HEADER)).isEmpty();
      String location = created.headers().firstValue("Location").orElseThrow();
      assertThat(t.send("GET", location, null).statusCode()).isEqualTo(200);
      assertThat(t.send("GET", location, null, HEADER, "%%%").statusCode()).isEqualTo(400);
    } finally {
      db.close();
    }
  }

  @Test
  void aBadDbReadFromReplicaStopsStartUpNamingTheVariable() {
    Database db = Database.open("sqlite:///" + dir.resolve("bad.db").toAbsolutePath());
    try {
      assertThatThrownBy(
              () ->
                  new TestApp(
                      sql -> {
                        sql.database = db;
                        sql.env = Env.of(Map.of("DB_READ_FROM_REPLICA", "sometimes"));
                      },
                      config -> {}))
          .isInstanceOfSatisfying(
              ConfigException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_SETTING))
          .hasMessageContaining("DB_READ_FROM_REPLICA");
    } finally {
      db.close();
    }
  }

  private static String encode(String plain) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(plain.getBytes(StandardCharsets.UTF_8));
  }
}
