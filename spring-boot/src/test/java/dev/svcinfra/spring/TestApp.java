package dev.svcinfra.spring;

import dev.svcinfra.config.Env;
import dev.svcinfra.sql.Database;
import dev.svcinfra.sql.model.annotation.Column;
import dev.svcinfra.sql.model.annotation.Generation;
import dev.svcinfra.sql.model.annotation.Id;
import dev.svcinfra.sql.model.annotation.Table;
import dev.svcinfra.sql.repo.SqlRepository;
import java.util.List;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Transactional;

/**
 * The application the {@code @SpringBootTest}s start: one service mixing JdbcTemplate and
 * svc-infra.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
class TestApp {

  /** The tests' database comes from svc-infra.url alone, whatever the machine's environment. */
  @Bean
  Env svcInfraVariables() {
    return Env.empty();
  }

  @Bean
  NoteService noteService(JdbcTemplate jdbc, Database db) {
    return new NoteService(jdbc, db);
  }

  /** The table the migrations under src/test/resources/migrations create. */
  @Table(name = "notes")
  record Note(
      @Id(generation = Generation.NONE) Long id,
      @Column(nullable = false, length = 200) String title) {}

  /** Writes through both JdbcTemplate and a SqlRepository in one Spring transaction. */
  static class NoteService {
    private final JdbcTemplate jdbc;
    private final Database db;
    private final SqlRepository<Note> notes = SqlRepository.of(Note.class);

    NoteService(JdbcTemplate jdbc, Database db) {
      this.jdbc = jdbc;
      this.db = db;
    }

    @Transactional
    public void writeBoth(long id, boolean fail) {
      jdbc.update("INSERT INTO audit (id, what) VALUES (?, ?)", id, "note " + id);
      Note created = db.inTransaction(tx -> notes.create(tx, new Note(id, "title " + id)));
      // The repository's row is visible to JdbcTemplate: one connection, one transaction.
      Integer seen =
          jdbc.queryForObject(
              "SELECT COUNT(*) FROM notes WHERE id = ?", Integer.class, created.id());
      if (seen == null || seen != 1) {
        throw new AssertionError("JdbcTemplate does not see the repository's row");
      }
      if (fail) {
        throw new IllegalStateException("fail after both writes");
      }
    }

    @Transactional
    public void markedRollbackOnly(long id) {
      jdbc.update("INSERT INTO audit (id, what) VALUES (?, ?)", id, "note " + id);
      db.useTransaction(
          tx -> {
            notes.create(tx, new Note(id, "title " + id));
            tx.setRollbackOnly();
          });
    }

    public long count(String table) {
      Long n = jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Long.class);
      return n == null ? -1 : n;
    }

    /** What server session a read-only transaction runs in, seen by both APIs. */
    @Transactional(readOnly = true)
    public List<String> readOnlyApplicationNames() {
      String viaJdbc =
          jdbc.queryForObject("SELECT current_setting('application_name')", String.class);
      List<String> viaSvcInfra =
          db.inReadOnlyTransaction(
              tx -> tx.query("SELECT current_setting('application_name')", rs -> rs.getString(1)));
      return List.of(viaJdbc, viaSvcInfra.get(0));
    }

    @Transactional
    public String readWriteApplicationName() {
      return jdbc.queryForObject("SELECT current_setting('application_name')", String.class);
    }

    @Transactional(timeout = 1)
    public void slowStatement(String sql) {
      db.useTransaction(tx -> tx.query(sql, rs -> rs.getObject(1)));
    }
  }
}
