package dev.svcinfra.bench;

import dev.svcinfra.config.DatabaseSettings;
import dev.svcinfra.config.PoolSettings;
import dev.svcinfra.sql.Database;
import dev.svcinfra.sql.model.TableMapping;
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
 * same in-process SQLite database: one transaction per operation, the same statements
 * ({@code RETURNING} on writes, page plus count on lists), rows mapped to the same record. The
 * ratio {@code repository / jdbc} per operation is the layer's overhead. SQLite runs in WAL mode
 * without fsync, so disk flushes do not drown the difference.
 *
 * <pre>
 * mvn -Pbench -pl bench -am package -DskipTests
 * java -jar bench/target/benchmarks.jar RepositoryVsJdbc
 * </pre>
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
    db = Database.open(DatabaseSettings.of("sqlite:///" + dir.resolve("bench.db")
        + "?journal_mode=WAL&synchronous=OFF")
        .withPool(PoolSettings.defaults().withSize(2)));
    pool = db.dataSource();
    repo = SqlRepository.builder(BenchItem.class).orderFields("name").build();
    db.useTransaction(tx -> {
      for (String sql : db.dialect().createTableStatements(TableMapping.of(BenchItem.class).table())) {
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
    try (Connection c = pool.getConnection()) {
      c.setAutoCommit(false);
      BenchItem item;
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT \"id\", \"name\", \"score\", \"note\" FROM \"bench_items\" WHERE \"id\" = ?")) {
        ps.setLong(1, randomId());
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          item = map(rs);
        }
      }
      c.commit();
      return item;
    }
  }

  // ---- list a page ---------------------------------------------------------------------------

  @Benchmark
  public Page<BenchItem> listPageRepository() {
    return db.inTransaction(tx -> repo.list(tx, 20, 100, List.of("name")));
  }

  @Benchmark
  public Page<BenchItem> listPageJdbc() throws SQLException {
    try (Connection c = pool.getConnection()) {
      c.setAutoCommit(false);
      List<BenchItem> items = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT \"id\", \"name\", \"score\", \"note\" FROM \"bench_items\" "
              + "ORDER BY \"name\" ASC, \"id\" ASC LIMIT 20 OFFSET 100");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          items.add(map(rs));
        }
      }
      long total;
      try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM \"bench_items\"");
          ResultSet rs = ps.executeQuery()) {
        rs.next();
        total = rs.getLong(1);
      }
      c.commit();
      return new Page<>(items, total, 20, 100);
    }
  }

  // ---- create --------------------------------------------------------------------------------

  @Benchmark
  public BenchItem createRepository() {
    return db.inTransaction(tx -> repo.create(tx, Map.of("name", "new", "score", 1, "note", "n")));
  }

  @Benchmark
  public BenchItem createJdbc() throws SQLException {
    try (Connection c = pool.getConnection()) {
      c.setAutoCommit(false);
      BenchItem item;
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO \"bench_items\" (\"name\", \"score\", \"note\") VALUES (?, ?, ?) "
              + "RETURNING \"id\", \"name\", \"score\", \"note\"")) {
        ps.setString(1, "new");
        ps.setInt(2, 1);
        ps.setString(3, "n");
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          item = map(rs);
        }
      }
      c.commit();
      return item;
    }
  }

  // ---- update --------------------------------------------------------------------------------

  @Benchmark
  public BenchItem updateRepository() {
    long id = randomId();
    return db.inTransaction(tx -> repo.update(tx, id, Map.of("note", "changed")));
  }

  @Benchmark
  public BenchItem updateJdbc() throws SQLException {
    try (Connection c = pool.getConnection()) {
      c.setAutoCommit(false);
      BenchItem item;
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE \"bench_items\" SET \"note\" = ? WHERE \"id\" = ? "
              + "RETURNING \"id\", \"name\", \"score\", \"note\"")) {
        ps.setString(1, "changed");
        ps.setLong(2, randomId());
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          item = map(rs);
        }
      }
      c.commit();
      return item;
    }
  }

  private static BenchItem map(ResultSet rs) throws SQLException {
    return new BenchItem(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getString(4));
  }
}
