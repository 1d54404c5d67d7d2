package dev.svcinfra.migrate.internal.autogen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.svcinfra.migrate.Migrations;
import dev.svcinfra.migrate.NewRevision;
import dev.svcinfra.migrate.RevisionRequest;
import dev.svcinfra.migrate.RunOptions;
import dev.svcinfra.migrate.internal.ops.MigrationOp;
import dev.svcinfra.migrate.internal.runtime.Scripts;
import dev.svcinfra.migrate.internal.runtime.TestDatabases;
import dev.svcinfra.sql.Database;
import dev.svcinfra.sql.model.ColumnType;
import dev.svcinfra.sql.model.ColumnType.Kind;
import dev.svcinfra.sql.model.internal.Column;
import dev.svcinfra.sql.model.internal.Index;
import dev.svcinfra.sql.model.internal.Table;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Trigram indexes through autogenerate and {@code check}: on PostgreSQL the upgrade installs {@code
 * pg_trgm} before the first one when the database lacks it, an applied revision checks clean and a
 * second autogenerate finds nothing, and the downgrade drops the index but keeps the extension;
 * elsewhere the index is left out and nothing is reported.
 */
class TrigramIndexRoundTripTest {
  static final Index NAME_TRGM =
      new Index("ix_users_name_trgm", List.of("name"), false, false, true);
  static final Index EMAIL_TRGM =
      new Index("ix_users_email_trgm", List.of("email"), false, false, true);
  static final Index CREATED_AT = new Index("ix_users_created_at", List.of("created_at"), false);

  static Table users(Index... indexes) {
    return Table.named("users")
        .withColumns(
            List.of(
                Column.of("id", ColumnType.of(Kind.BIGINT)).asIdentity(),
                Column.of("email", ColumnType.string(320)).notNull(),
                Column.of("name", ColumnType.string(200)),
                Column.of("created_at", ColumnType.of(Kind.TIMESTAMP_TZ)).notNull()))
        .withPrimaryKey(List.of("id"))
        .withIndexes(List.of(indexes));
  }

  static Migrations migrations(Database db, Path dir, Table users) {
    return Migrations.builder().database(db).scriptLocation(dir).models(List.of(users)).build();
  }

  static List<String> differences(Migrations m) {
    return m.check().differences().stream().map(MigrationOp::describe).toList();
  }

  static RevisionRequest autogenerate() {
    return RevisionRequest.empty().withAutogenerate(true);
  }

  /** The text of one section ({@code upgrade} or {@code downgrade}) of a one-dialect revision. */
  static String section(NewRevision r, String direction) {
    String text = r.text();
    int start = text.indexOf("-- +" + direction);
    int next = text.indexOf("\n-- +", start + 1);
    return text.substring(text.indexOf('\n', start) + 1, next < 0 ? text.length() : next);
  }

  /** The definition of the index named {@code name} ({@code pg_indexes}), or null. */
  static String indexDefinition(Database db, String name) throws Exception {
    try (Connection c = db.connection();
        var ps = c.prepareStatement("SELECT indexdef FROM pg_indexes WHERE indexname = ?")) {
      ps.setString(1, name);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  static boolean trigramsInstalled(Database db) throws Exception {
    try (Connection c = db.connection();
        var st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")) {
      return rs.next();
    }
  }

  @Test
  void postgresCreatesTheExtensionBeforeANewTableWithTrigramIndexesAndChecksClean()
      throws Exception {
    Path dir = Scripts.newLocation();
    try (Database db = Database.open(TestDatabases.POSTGRESQL.newUrl())) {
      Migrations m = migrations(db, dir, users(EMAIL_TRGM, NAME_TRGM, CREATED_AT));
      assertThat(differences(m)).containsExactly("add extension pg_trgm", "add table users");
      NewRevision first = m.revision("users", autogenerate());
      String up = section(first, "upgrade");
      assertThat(up)
          .startsWith("CREATE EXTENSION IF NOT EXISTS pg_trgm;\nCREATE TABLE \"users\"")
          .contains(
              "CREATE INDEX \"ix_users_email_trgm\" ON \"users\" USING gin "
                  + "(\"email\" gin_trgm_ops);\n")
          .contains(
              "CREATE INDEX \"ix_users_name_trgm\" ON \"users\" USING gin "
                  + "(\"name\" gin_trgm_ops);\n");
      assertThat(section(first, "downgrade")).isEqualTo("DROP TABLE \"users\";\n");
      assertThat(first.findings()).isEmpty(); // indexes of a table the revision creates
      m.upgrade();
      assertThat(trigramsInstalled(db)).isTrue();
      assertThat(indexDefinition(db, "ix_users_name_trgm"))
          .endsWith("USING gin (name gin_trgm_ops)");
      assertThat(differences(m)).isEmpty();
      NewRevision again = m.revision("nothing", autogenerate().withPrintOnly(true));
      assertThat(section(again, "upgrade")).isBlank();
      assertThat(section(again, "downgrade")).isBlank();
    }
  }

  @Test
  void postgresAddsATrigramIndexToAnExistingTableAndTheDowngradeKeepsTheExtension()
      throws Exception {
    Path dir = Scripts.newLocation();
    try (Database db = Database.open(TestDatabases.POSTGRESQL.newUrl())) {
      Migrations plain = migrations(db, dir, users(CREATED_AT));
      Path base = plain.revision("users", autogenerate()).file().orElseThrow();
      plain.upgrade();

      Migrations search = migrations(db, dir, users(NAME_TRGM, CREATED_AT));
      assertThat(differences(search))
          .containsExactly(
              "add extension pg_trgm", "add trigram index ix_users_name_trgm on users [name]");
      NewRevision added = search.revision("name search", autogenerate());
      assertThat(section(added, "upgrade"))
          .isEqualTo(
              """
              CREATE EXTENSION IF NOT EXISTS pg_trgm;
              CREATE INDEX "ix_users_name_trgm" ON "users" USING gin ("name" gin_trgm_ops);
              """);
      assertThat(section(added, "downgrade")).isEqualTo("DROP INDEX \"ix_users_name_trgm\";\n");
      // Like any index built on an existing table: lint asks for CONCURRENTLY.
      assertThat(added.findings())
          .extracting(f -> f.rule().code())
          .containsExactly("index_without_concurrently");
      search.upgrade("head", RunOptions.DEFAULT.allowDestructive(true));
      assertThat(differences(search)).isEmpty();

      // Installed now: the next trigram index comes without the extension.
      assertThat(differences(migrations(db, dir, users(NAME_TRGM, EMAIL_TRGM, CREATED_AT))))
          .containsExactly("add trigram index ix_users_email_trgm on users [email]");
      // A trigram index the models no longer declare is reported as a removal.
      assertThat(differences(migrations(db, dir, users(CREATED_AT))))
          .containsExactly("remove index ix_users_name_trgm on users");

      search.downgrade(1);
      assertThat(indexDefinition(db, "ix_users_name_trgm")).isNull();
      assertThat(trigramsInstalled(db)).isTrue();
      // Back at the first revision, the database is that revision's schema again.
      Path first = Scripts.newLocation();
      Files.copy(base, first.resolve("versions").resolve(base.getFileName()));
      assertThat(differences(migrations(db, first, users(CREATED_AT)))).isEmpty();
    }
  }

  @Test
  void postgresTellsATrigramIndexFromAPlainOneOfTheSameName() throws Exception {
    Path dir = Scripts.newLocation();
    Scripts.write(
        dir,
        "0000000000d1",
        "",
        """
        CREATE EXTENSION IF NOT EXISTS pg_trgm;
        CREATE TABLE people (id INTEGER PRIMARY KEY, name VARCHAR(200), email TEXT);
        CREATE INDEX ix_people_name_search ON people (name);
        CREATE INDEX ix_people_email_search ON people USING gin (email gin_trgm_ops)\
        """,
        "DROP TABLE people");
    Index nameSearch = new Index("ix_people_name_search", List.of("name"), false, false, true);
    Index emailSearch = new Index("ix_people_email_search", List.of("email"), false);
    Table people =
        Table.named("people")
            .withColumns(
                List.of(
                    Column.of("id", ColumnType.of(Kind.INTEGER)).notNull(),
                    Column.of("name", ColumnType.string(200)),
                    Column.of("email", ColumnType.of(Kind.TEXT))))
            .withPrimaryKey(List.of("id"));
    try (Database db = Database.open(TestDatabases.POSTGRESQL.newUrl())) {
      Migrations m =
          Migrations.builder()
              .database(db)
              .scriptLocation(dir)
              .models(List.of(people.withIndexes(List.of(nameSearch, emailSearch))))
              .build();
      m.upgrade("head", RunOptions.DEFAULT.allowDestructive(true));
      assertThat(differences(m))
          .containsExactlyInAnyOrder(
              "remove index ix_people_name_search on people",
              "remove index ix_people_email_search on people",
              "add trigram index ix_people_name_search on people [name]",
              "add index ix_people_email_search on people [email]");
      // Declared the way the database has them, they check clean.
      Migrations same =
          Migrations.builder()
              .database(db)
              .scriptLocation(dir)
              .models(
                  List.of(
                      people.withIndexes(
                          List.of(
                              new Index("ix_people_name_search", List.of("name"), false),
                              new Index(
                                  "ix_people_email_search",
                                  List.of("email"),
                                  false,
                                  false,
                                  true)))))
              .build();
      assertThat(differences(same)).isEmpty();
    }
  }

  /** Elsewhere a trigram index is left out: nothing created, nothing reported either way. */
  @ParameterizedTest
  @EnumSource(
      value = TestDatabases.class,
      names = {"SQLITE", "MARIADB", "DUCKDB"})
  void otherDatabasesLeaveTrigramIndexesOutWithoutDrift(TestDatabases kind) throws Exception {
    Path dir = Scripts.newLocation();
    try (Database db = Database.open(kind.newUrl())) {
      Migrations m = migrations(db, dir, users(EMAIL_TRGM, NAME_TRGM, CREATED_AT));
      assertThat(differences(m)).containsExactly("add table users");
      NewRevision first = m.revision("users", autogenerate());
      assertThat(first.text().toLowerCase(Locale.ROOT))
          .doesNotContain("trgm")
          .doesNotContain("extension")
          .doesNotContain("using gin");
      m.upgrade();
      assertThat(differences(m)).isEmpty();
      assertThat(indexNames(db)).noneMatch(n -> n.contains("trgm"));
      // Whether the models declare trigram indexes or not, the database matches them.
      assertThat(differences(migrations(db, dir, users(CREATED_AT)))).isEmpty();
      assertThat(differences(migrations(db, dir, users(NAME_TRGM, CREATED_AT)))).isEmpty();
      NewRevision again = m.revision("nothing", autogenerate().withPrintOnly(true));
      assertThat(section(again, "upgrade")).isBlank();
    }
  }

  static List<String> indexNames(Database db) throws Exception {
    List<String> out = new ArrayList<>();
    try (Connection c = db.connection();
        ResultSet rs = c.getMetaData().getIndexInfo(c.getCatalog(), null, "users", false, false)) {
      while (rs.next()) {
        out.add(String.valueOf(rs.getString("INDEX_NAME")).toLowerCase(Locale.ROOT));
      }
    }
    return out;
  }
}
