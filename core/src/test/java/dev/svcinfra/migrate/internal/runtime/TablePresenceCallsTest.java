package dev.svcinfra.migrate.internal.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.svcinfra.migrate.Revision;
import dev.svcinfra.migrate.internal.script.RevisionGraph;
import dev.svcinfra.migrate.internal.script.ScriptDirectory;
import dev.svcinfra.migrate.internal.script.Target;
import dev.svcinfra.sql.Database;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An upgrade asks JDBC metadata for the version and history tables in one {@code getTables} call
 * (issue 17: it was two on an up-to-date database and eight on a fresh one), on a fresh database
 * and on one already at head, and still tells a missing table from a present one.
 */
class TablePresenceCallsTest {

  @ParameterizedTest
  @EnumSource(TestDatabases.class)
  void anUpgradeLooksForItsTablesOnce(TestDatabases kind) throws Exception {
    Path dir = Scripts.newLocation();
    Scripts.write(
        dir, "000000000001", "", "CREATE TABLE t1 (id INTEGER PRIMARY KEY);", "DROP TABLE t1;");
    RevisionGraph graph = new ScriptDirectory(dir, List.of()).graph();
    try (Database db = Database.open(kind.newUrl());
        Connection raw = db.connection()) {
      raw.setAutoCommit(true);
      AtomicInteger calls = new AtomicInteger();
      Connection c = counting(raw, calls);

      assertThat(ids(upgrade(db, c, graph))).containsExactly("000000000001");
      assertThat(calls.get()).as("getTables calls upgrading a fresh database").isEqualTo(1);

      calls.set(0);
      assertThat(upgrade(db, c, graph)).isEmpty();
      assertThat(calls.get()).as("getTables calls upgrading a database at head").isEqualTo(1);
      assertThat(TestDatabases.tables(raw))
          .contains("svc_infra_version", "svc_infra_version_history", "t1");
    }
  }

  /**
   * One pattern for both names must not let other tables count: names sharing the prefix, names the
   * letter wildcards match, and the spelling rules decide. A table counts as present exactly when
   * the quoted name the runtime uses refers to an existing table, so creating that table collides
   * with it.
   */
  @ParameterizedTest
  @EnumSource(TestDatabases.class)
  void onlyTheNamedTablesCount(TestDatabases kind) throws Exception {
    try (Database db = Database.open(kind.newUrl());
        Connection c = db.connection()) {
      c.setAutoCommit(true);
      var d = db.dialect();
      List<String> names = List.of("svc_infra_version", "svc_infra_version_history");
      for (String other :
          List.of(
              "svc_infra_version_lock",
              "svcXinfraXversion",
              "svc_infra_versions",
              "svc_infra_version_history_old",
              "SVC_INFRA_VERSIO")) {
        execute(c, "CREATE TABLE " + d.quote(other) + " (id INTEGER)");
      }
      assertThat(TablePresence.existing(c, names, d.quotedTableNamesIgnoreCase())).isEmpty();
      execute(c, "CREATE TABLE " + d.quote("Svc_Infra_Version") + " (id INTEGER)");
      boolean present =
          TablePresence.existing(c, names, d.quotedTableNamesIgnoreCase())
              .contains("svc_infra_version");
      boolean collides;
      try {
        execute(c, "CREATE TABLE " + d.quote("svc_infra_version") + " (id INTEGER)");
        collides = false;
      } catch (SQLException e) {
        collides = true;
      }
      assertThat(present)
          .as("a mixed-case table counts exactly when it is the same table")
          .isEqualTo(collides);
      assertThat(TablePresence.existing(c, names, d.quotedTableNamesIgnoreCase()))
          .containsExactly("svc_infra_version");
      execute(c, "CREATE TABLE " + d.quote("SVC_INFRA_VERSION_HISTORY") + " (id INTEGER)");
      assertThat(TablePresence.existing(c, names, d.quotedTableNamesIgnoreCase()))
          .containsExactlyElementsOf(names);
    }
  }

  private static void execute(Connection c, String sql) throws Exception {
    try (Statement st = c.createStatement()) {
      st.execute(sql);
    }
  }

  private static List<Revision> upgrade(Database db, Connection c, RevisionGraph graph) {
    MigrationContext ctx =
        MigrationContext.online(
            db.dialect(), new OnlineSink(c, s -> {}), graph, "svc_infra_version", "test");
    return ctx.upgrade(Target.parseUpgrade("head"), path -> {}, false);
  }

  private static List<String> ids(List<Revision> revisions) {
    return revisions.stream().map(Revision::id).toList();
  }

  /** {@code c}, counting the {@code getTables} calls on its metadata. */
  static Connection counting(Connection c, AtomicInteger calls) throws Exception {
    DatabaseMetaData meta = c.getMetaData();
    DatabaseMetaData countingMeta =
        proxy(
            DatabaseMetaData.class,
            meta,
            (p, m, args) -> {
              if (m.getName().equals("getTables")) {
                calls.incrementAndGet();
              }
              return invoke(meta, m, args);
            });
    return proxy(
        Connection.class,
        c,
        (p, m, args) -> m.getName().equals("getMetaData") ? countingMeta : invoke(c, m, args));
  }

  private static Object invoke(Object target, Method m, Object[] args) throws Throwable {
    try {
      return m.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  private static <T> T proxy(Class<T> type, T target, InvocationHandler handler) {
    return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
  }
}
