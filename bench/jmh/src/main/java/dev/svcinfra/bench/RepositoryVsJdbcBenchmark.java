package dev.svcinfra.bench;

import dev.svcinfra.config.DatabaseSettings;
import dev.svcinfra.config.PoolSettings;
import dev.svcinfra.sql.Database;
import dev.svcinfra.sql.model.internal.TableMapping;
import dev.svcinfra.sql.repo.ListRequest;
import dev.svcinfra.sql.repo.Page;
import dev.svcinfra.sql.repo.SqlRepository;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The data layer against hand-written JDBC doing the same work on the same HikariCP pool and the
 * same in-process SQLite database: one transaction per operation, the same statements ({@code
 * RETURNING} on writes, page plus count on lists), rows mapped to the same record. The ratio {@code
 * repository / jdbc} per operation is the layer's overhead. SQLite runs in WAL mode without fsync,
 * so disk flushes do not drown the difference.
 *
 * <pre>
 * mvn -Pbench -pl bench/jmh -am package -DskipTests
 * java -jar bench/jmh/target/jmh.jar RepositoryVsJdbc
 * </pre>
 *
 * @since 0.1
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RepositoryVsJdbcBenchmark {
  static final int ROWS = 1_000;

  Path dir;
  Database db;
  DataSource pool;
  SqlRepository<BenchItem> repo;

  @Setup
  public void setUp() throws IOException {
    dir = Files.createTempDirectory("svc-infra-bench");
    db =
        Database.open(
            DatabaseSettings.of(
                    "sqlite:///" + dir.resolve("bench.db") + "?journal_mode=WAL&synchronous=OFF")
                .withPool(PoolSettings.defaults().withSize(2)));
    pool = db.dataSource();
    repo = SqlRepository.builder(BenchItem.class).orderFields("name").build();
    db.useTransaction(
        tx -> {
          for (String sql :
              db.dialect().createTableStatements(TableMapping.of(BenchItem.class).table())) {
            tx.execute(sql);
          }
          for (int i = 0; i < ROWS; i++) {
            repo.create(tx, Map.of("name", "item " + i, "score", i, "note", "seed"));
          }
        });
  }

  @TearDown
  public void tearDown() throws IOException {
    db.close();
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  static long randomId() {
    return ThreadLocalRandom.current().nextLong(1, ROWS + 1);
  }

  // ---- get by id -----------------------------------------------------------------------------

  @Benchmark
  public BenchItem getByIdRepository() {
    long id = randomId();
    return db.inTransaction(tx -> repo.get(tx, id)).orElseThrow();
  }

  @Benchmark
  public BenchItem getByIdJdbc() throws SQLException {
    long id = randomId();
    return inJdbcTransaction(
        c ->
            one(
                c,
                "SELECT \"id\", \"name\", \"score\", \"note\" FROM \"bench_items\" WHERE \"id\" = ?",
                ps -> ps.setLong(1, id)));
  }

  // ---- list a page ---------------------------------------------------------------------------

  @Benchmark
  public Page<BenchItem> listPageRepository() {
    return db.inTransaction(
        tx -> repo.list(tx, ListRequest.builder().limit(20).offset(100).orderBy("name").build()));
  }

  @Benchmark
  public Page<BenchItem> listPageJdbc() throws SQLException {
    return inJdbcTransaction(
        c -> {
          List<BenchItem> items = new ArrayList<>();
          try (PreparedStatement ps =
                  c.prepareStatement(
                      "SELECT \"id\", \"name\", \"score\", \"note\" FROM \"bench_items\" "
                          + "ORDER BY \"name\" ASC, \"id\" ASC LIMIT 20 OFFSET 100");
              ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              items.add(map(rs));
            }
          }
          try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM \"bench_items\"");
              ResultSet rs = ps.executeQuery()) {
            rs.next();
            return new Page<>(items, rs.getLong(1), 20, 100);
          }
        });
  }

  // ---- create --------------------------------------------------------------------------------

  @Benchmark
  public BenchItem createRepository() {
    return db.inTransaction(tx -> repo.create(tx, Map.of("name", "new", "score", 1, "note", "n")));
  }

  @Benchmark
  public BenchItem createJdbc() throws SQLException {
    return inJdbcTransaction(
        c ->
            one(
                c,
                "INSERT INTO \"bench_items\" (\"name\", \"score\", \"note\") VALUES (?, ?, ?) "
                    + "RETURNING \"id\", \"name\", \"score\", \"note\"",
                ps -> {
                  ps.setString(1, "new");
                  ps.setInt(2, 1);
                  ps.setString(3, "n");
                }));
  }

  // ---- update --------------------------------------------------------------------------------

  @Benchmark
  public BenchItem updateRepository() {
    long id = randomId();
    return db.inTransaction(tx -> repo.update(tx, id, Map.of("note", "changed")));
  }

  @Benchmark
  public BenchItem updateJdbc() throws SQLException {
    long id = randomId();
    return inJdbcTransaction(
        c ->
            one(
                c,
                "UPDATE \"bench_items\" SET \"note\" = ? WHERE \"id\" = ? "
                    + "RETURNING \"id\", \"name\", \"score\", \"note\"",
                ps -> {
                  ps.setString(1, "changed");
                  ps.setLong(2, id);
                }));
  }

  /** JDBC work on one connection. */
  interface JdbcWork<R> {
    R run(Connection c) throws SQLException;
  }

  /** Binds parameters of a statement. */
  interface Binder {
    void bind(PreparedStatement ps) throws SQLException;
  }

  /** What the data layer does around a block: a transaction on a pooled connection. */
  <R> R inJdbcTransaction(JdbcWork<R> work) throws SQLException {
    try (Connection c = pool.getConnection()) {
      c.setAutoCommit(false);
      R result = work.run(c);
      c.commit();
      return result;
    }
  }

  /** Runs a statement that answers one row and maps it. */
  static BenchItem one(Connection c, String sql, Binder binder) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      binder.bind(ps);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return map(rs);
      }
    }
  }

  private static BenchItem map(ResultSet rs) throws SQLException {
    return new BenchItem(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getString(4));
  }
}
