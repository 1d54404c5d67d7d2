package dev.svcinfra.sql.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.svcinfra.migrate.internal.autogen.SchemaReflector;
import dev.svcinfra.sql.Database;
import dev.svcinfra.sql.model.ColumnType;
import dev.svcinfra.sql.model.ColumnType.Kind;
import dev.svcinfra.sql.model.internal.Column;
import dev.svcinfra.sql.model.internal.ForeignKey;
import dev.svcinfra.sql.model.internal.Index;
import dev.svcinfra.sql.model.internal.Table;
import dev.svcinfra.testing.TestServices;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL's reflection clean-up reads the catalog: a GIN index over {@code gin_trgm_ops} columns
 * is the models' trigram index; an index of another access method, operator class or with a
 * predicate, which pgjdbc reports as if it were plain, is read as its own definition, so it never
 * passes for a models' index and is created again exactly as it was.
 */
class IndexReflectionPostgresTest {
  static Database db;

  @BeforeAll
  static void open() throws Exception {
    db = Database.open(TestServices.newPostgresDatabase());
    try (Connection c = db.connection();
        Statement st = c.createStatement()) {
      st.execute("CREATE EXTENSION pg_trgm");
      st.execute(
          "CREATE TABLE docs (id INTEGER PRIMARY KEY, name VARCHAR(200), email TEXT, "
              + "\"Nick\" TEXT, body JSONB, spot POINT, code TEXT)");
      for (String sql :
          List.of(
              "CREATE INDEX ix_docs_name_trgm ON docs USING gin (name gin_trgm_ops)",
              "CREATE INDEX ix_docs_email_nick_trgm ON docs USING gin (email gin_trgm_ops, "
                  + "\"Nick\" gin_trgm_ops)",
              "CREATE INDEX ix_docs_body ON docs USING gin (body)",
              "CREATE INDEX ix_docs_body_path ON docs USING gin (body jsonb_path_ops)",
              "CREATE INDEX ix_docs_name_gist ON docs USING gist (name gist_trgm_ops)",
              "CREATE INDEX ix_docs_email_lower_trgm ON docs USING gin (lower(email) gin_trgm_ops)",
              "CREATE INDEX ix_docs_name_trgm_partial ON docs USING gin (name gin_trgm_ops) "
                  + "WHERE code IS NOT NULL",
              "CREATE INDEX ix_docs_spot ON docs USING gist (spot)",
              "CREATE INDEX ix_docs_code_hash ON docs USING hash (code)",
              "CREATE INDEX ix_docs_id_brin ON docs USING brin (id)",
              "CREATE INDEX ix_docs_code_pattern ON docs (code text_pattern_ops)",
              "CREATE UNIQUE INDEX ux_docs_code_live ON docs (code) WHERE code <> ''",
              "CREATE INDEX ix_docs_code ON docs (code)",
              "CREATE INDEX ix_docs_email_lower ON docs (lower(email))")) {
        st.execute(sql);
      }
    }
  }

  @AfterAll
  static void close() {
    db.close();
  }

  static Table docs() {
    try (Connection c = db.connection()) {
      return new SchemaReflector(Dialects.POSTGRESQL, List.of(), Set.of())
          .reflect(c).stream().filter(t -> t.name().equals("docs")).findFirst().orElseThrow();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  static Index index(Table t, String name) {
    return t.indexes().stream().filter(i -> i.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void ginIndexesOverTrigramColumnsAreTrigramIndexes() {
    Table docs = docs();
    assertThat(index(docs, "ix_docs_name_trgm"))
        .isEqualTo(new Index("ix_docs_name_trgm", List.of("name"), false, false, true));
    assertThat(index(docs, "ix_docs_email_nick_trgm"))
        .isEqualTo(
            new Index("ix_docs_email_nick_trgm", List.of("email", "Nick"), false, false, true));
  }

  @Test
  void indexesTheModelsCannotExpressAreReadAsTheirDefinition() {
    Table docs = docs();
    assertThat(index(docs, "ix_docs_body").columns()).containsExactly("USING gin (body)");
    assertThat(index(docs, "ix_docs_body_path").columns())
        .containsExactly("USING gin (body jsonb_path_ops)");
    assertThat(index(docs, "ix_docs_name_gist").columns())
        .containsExactly("USING gist (name gist_trgm_ops)");
    assertThat(index(docs, "ix_docs_email_lower_trgm").columns())
        .containsExactly("USING gin (lower(email) gin_trgm_ops)");
    assertThat(index(docs, "ix_docs_name_trgm_partial").columns())
        .containsExactly("USING gin (name gin_trgm_ops) WHERE (code IS NOT NULL)");
    assertThat(index(docs, "ix_docs_spot").columns()).containsExactly("USING gist (spot)");
    assertThat(index(docs, "ix_docs_code_hash").columns()).containsExactly("USING hash (code)");
    assertThat(index(docs, "ix_docs_id_brin").columns()).containsExactly("USING brin (id)");
    assertThat(index(docs, "ix_docs_code_pattern").columns())
        .containsExactly("USING btree (code text_pattern_ops)");
    assertThat(index(docs, "ux_docs_code_live"))
        .satisfies(
            ix -> {
              assertThat(ix.unique()).isTrue();
              assertThat(ix.columns())
                  .containsExactly("USING btree (code) WHERE (code <> ''::text)");
            });
    for (Index ix : docs.indexes()) {
      assertThat(ix.trigram())
          .as(ix.name())
          .isEqualTo(
              ix.name().equals("ix_docs_name_trgm") || ix.name().equals("ix_docs_email_nick_trgm"));
    }
    // B-tree indexes with default operator classes stay as the models have them.
    assertThat(index(docs, "ix_docs_code"))
        .isEqualTo(new Index("ix_docs_code", List.of("code"), false));
    assertThat(index(docs, "ix_docs_email_lower"))
        .isEqualTo(new Index("ix_docs_email_lower", List.of("email"), false, true));
  }

  @Test
  void anIndexReadAsItsDefinitionIsCreatedAgainAsItWas() throws Exception {
    Table before = docs();
    try (Connection c = db.connection();
        Statement st = c.createStatement()) {
      for (String name : List.of("ix_docs_body_path", "ux_docs_code_live", "ix_docs_spot")) {
        st.execute(Dialects.POSTGRESQL.dropIndexStatement(before, index(before, name)));
        String create = Dialects.POSTGRESQL.createIndexStatement(before, index(before, name));
        st.execute(create);
      }
    }
    assertThat(Dialects.POSTGRESQL.createIndexStatement(before, index(before, "ux_docs_code_live")))
        .isEqualTo(
            "CREATE UNIQUE INDEX \"ux_docs_code_live\" ON \"docs\" USING btree (code) "
                + "WHERE (code <> ''::text)");
    Table after = docs();
    for (String name : List.of("ix_docs_body_path", "ux_docs_code_live", "ix_docs_spot")) {
      assertThat(index(after, name)).isEqualTo(index(before, name));
    }
  }

  static Table notes(List<Index> indexes) {
    return Table.named("notes")
        .withColumns(
            List.of(
                Column.of("id", ColumnType.of(Kind.BIGINT)).asIdentity(),
                Column.of("user_id", ColumnType.of(Kind.BIGINT)).notNull()))
        .withPrimaryKey(List.of("id"))
        .withForeignKeys(List.of(ForeignKey.of("fk_notes_user_id", "user_id", "users", "id")))
        .withIndexes(indexes);
  }

  /** Indexes the catalog does not describe (no such table here) keep the driver's report. */
  @Test
  void postgresReportsLowerOfAColumnAsAnExpressionThatBecomesAnIgnoreCaseIndex() throws Exception {
    Table reported =
        notes(
            List.of(
                new Index("ux_notes_email_lower", List.of("lower((email)::text)"), true),
                new Index("ix_notes_user_id", List.of("user_id"), false),
                new Index("ix_odd", List.of("(user_id + 1)"), false)));
    try (Connection c = db.connection()) {
      assertThat(Dialects.POSTGRESQL.cleanReflectedTable(c, null, reported).indexes())
          .containsExactly(
              new Index("ux_notes_email_lower", List.of("email"), true, true),
              new Index("ix_notes_user_id", List.of("user_id"), false),
              new Index("ix_odd", List.of("(user_id + 1)"), false));
    }
  }

  /** Unlike MySQL's, an index named like a foreign key is the user's own: it stays. */
  @Test
  void anIndexNamedLikeAForeignKeyStays() throws Exception {
    Index implicit = new Index("fk_notes_user_id", List.of("user_id"), false);
    try (Connection c = db.connection()) {
      assertThat(
              Dialects.POSTGRESQL.cleanReflectedTable(c, null, notes(List.of(implicit))).indexes())
          .containsExactly(implicit);
    }
  }

  @Test
  void installedExtensionsAreReadFromTheCatalog() throws Exception {
    try (Connection c = db.connection()) {
      assertThat(Dialects.POSTGRESQL.installedExtensions(c)).contains("pg_trgm", "plpgsql");
    }
  }
}
