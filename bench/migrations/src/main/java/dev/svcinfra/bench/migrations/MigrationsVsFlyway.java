package dev.svcinfra.bench.migrations;

import dev.svcinfra.config.DatabaseSettings;
import dev.svcinfra.migrate.Migrations;
import dev.svcinfra.migrate.internal.autogen.AutogenResult;
import dev.svcinfra.migrate.internal.autogen.Autogenerate;
import dev.svcinfra.migrate.internal.ops.MigrationOp;
import dev.svcinfra.sql.Database;
import dev.svcinfra.sql.model.ColumnType;
import dev.svcinfra.sql.model.ColumnType.Kind;
import dev.svcinfra.sql.model.internal.Column;
import dev.svcinfra.sql.model.internal.Table;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.flywaydb.core.Flyway;

/**
 * Applies the same {@link RevisionSet} with svc-infra and with Flyway to fresh PostgreSQL databases
 * in one JVM, each opening the database as its migrate-and-exit job does (ours through {@link
 * Migrations#openDatabase}, as the CLI; Flyway through its own driver data source) (a warm-up round
 * first, then alternating which tool goes first), times a second upgrade that finds nothing to do,
 * and times autogenerate against a schema of many tables. Prints one JSON line per measurement on
 * stdout.
 *
 * <pre>{@code
 * java -jar migrations-bench.jar --pg 127.0.0.1:5432 --user postgres --revisions 500 \
 *     --tables 200 --repeats 3 --work /tmp/mig
 * }</pre>
 *
 * @since 0.1
 */
public final class MigrationsVsFlyway {
  private final ScratchDatabases dbs;

  private MigrationsVsFlyway(ScratchDatabases dbs) {
    this.dbs = dbs;
  }

  public static void main(String[] args) throws Exception {
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    Map<String, String> opt = options(args);
    int revisions = Integer.parseInt(opt.getOrDefault("revisions", "500"));
    int tables = Integer.parseInt(opt.getOrDefault("tables", "200"));
    int repeats = Integer.parseInt(opt.getOrDefault("repeats", "3"));
    Path work = Files.createDirectories(Path.of(opt.getOrDefault("work", "migrations-work")));
    try (ScratchDatabases dbs =
        new ScratchDatabases(
            opt.getOrDefault("pg", "127.0.0.1:5432"), opt.getOrDefault("user", "postgres"))) {
      MigrationsVsFlyway bench = new MigrationsVsFlyway(dbs);
      RevisionSet warm = RevisionSet.write(work, Math.min(50, revisions));
      bench.ours(warm);
      bench.flyway(warm);
      bench.autogenerate(Math.min(20, tables));
      RevisionSet set = RevisionSet.write(work, revisions);
      String apply = "apply " + revisions + " revisions";
      String noop = "upgrade at head (" + revisions + " applied)";
      for (int rep = 1; rep <= repeats; rep++) {
        boolean oursFirst = rep % 2 == 1;
        long[] a = oursFirst ? bench.ours(set) : null;
        long[] f = bench.flyway(set);
        if (!oursFirst) {
          a = bench.ours(set);
        }
        print(apply, "svc-infra", rep, a[0]);
        print(apply, "flyway", rep, f[0]);
        print(noop, "svc-infra", rep, a[1]);
        print(noop, "flyway", rep, f[1]);
        long[] g = bench.autogenerate(tables);
        System.out.printf(
            "{\"section\":\"migrations\",\"task\":\"autogenerate on %d tables\","
                + "\"tool\":\"svc-infra\",\"rep\":%d,\"ms\":%.1f,\"ops\":%d}%n",
            tables, rep, g[0] / 1e6, g[1]);
      }
    }
  }

  /** Nanoseconds to apply every revision, then for an upgrade with nothing to do. */
  private long[] ours(RevisionSet set) throws Exception {
    String url = dbs.create() + "&sslmode=disable";
    long t0 = System.nanoTime();
    try (Database db = Migrations.openDatabase(DatabaseSettings.of(url))) {
      int applied =
          Migrations.builder()
              .database(db)
              .scriptLocation(set.svcInfraLocation())
              .build()
              .upgrade()
              .size();
      check(applied, set.size(), "svc-infra");
    }
    long t1 = System.nanoTime();
    try (Database db = Migrations.openDatabase(DatabaseSettings.of(url))) {
      check(
          Migrations.builder()
              .database(db)
              .scriptLocation(set.svcInfraLocation())
              .build()
              .upgrade()
              .size(),
          0,
          "svc-infra at head");
    }
    return new long[] {t1 - t0, System.nanoTime() - t1};
  }

  private long[] flyway(RevisionSet set) throws Exception {
    String url = dbs.create() + "&sslmode=disable";
    long t0 = System.nanoTime();
    check(flywayFor(url, set).migrate().migrationsExecuted, set.size(), "flyway");
    long t1 = System.nanoTime();
    check(flywayFor(url, set).migrate().migrationsExecuted, 0, "flyway at head");
    return new long[] {t1 - t0, System.nanoTime() - t1};
  }

  private Flyway flywayFor(String url, RevisionSet set) {
    return Flyway.configure()
        .dataSource(url, dbs.user(), "")
        .locations("filesystem:" + set.flywayLocation().toAbsolutePath())
        .load();
  }

  /**
   * Nanoseconds for reflect + compare + render against {@code n} existing tables whose models
   * differ in one table out of ten (an added column), and the number of operations found.
   */
  private long[] autogenerate(int n) throws Exception {
    String url = dbs.create() + "&sslmode=disable";
    List<Table> models = new ArrayList<>();
    try (Database db = Database.open(url)) {
      try (Connection c = db.connection();
          Statement s = c.createStatement()) {
        for (int i = 1; i <= n; i++) {
          s.addBatch(
              "CREATE TABLE a"
                  + i
                  + " (id BIGINT PRIMARY KEY, name VARCHAR(100) NOT NULL,"
                  + " note TEXT, score INTEGER NOT NULL DEFAULT 0, created_at TIMESTAMPTZ NOT NULL)");
          List<Column> columns =
              new ArrayList<>(
                  List.of(
                      Column.of("id", ColumnType.of(Kind.BIGINT)).notNull(),
                      Column.of("name", ColumnType.string(100)).notNull(),
                      Column.of("note", ColumnType.of(Kind.TEXT)),
                      Column.of("score", ColumnType.of(Kind.INTEGER)).notNull().withDefault("0"),
                      Column.of("created_at", ColumnType.of(Kind.TIMESTAMP_TZ)).notNull()));
          if (i % 10 == 0) {
            columns.add(Column.of("extra", ColumnType.string(50)));
          }
          models.add(Table.named("a" + i).withColumns(columns).withPrimaryKey(List.of("id")));
        }
        s.executeBatch();
        if (!c.getAutoCommit()) {
          c.commit();
        }
      }
      long t0 = System.nanoTime();
      List<MigrationOp> ops;
      try (Connection c = db.connection()) {
        ops = Autogenerate.compare(c, db.dialect(), models, List.of(), Set.of());
      }
      AutogenResult result = Autogenerate.render(ops, List.of(db.dialect()), false);
      long elapsed = System.nanoTime() - t0;
      if (result.sections().isEmpty()) {
        throw new IllegalStateException("autogenerate rendered nothing");
      }
      return new long[] {elapsed, ops.size()};
    }
  }

  private static void check(int actual, int expected, String what) {
    if (actual != expected) {
      throw new IllegalStateException(
          what + " applied " + actual + " revisions, expected " + expected);
    }
  }

  private static void print(String task, String tool, int rep, long nanos) {
    System.out.printf(
        "{\"section\":\"migrations\",\"task\":\"%s\",\"tool\":\"%s\",\"rep\":%d,"
            + "\"ms\":%.1f}%n",
        task, tool, rep, nanos / 1e6);
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> out = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("expected --name value, got " + args[i]);
      }
      out.put(args[i].substring(2), args[i + 1]);
    }
    return out;
  }
}
