package dev.svcinfra.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.svcinfra.ErrorCode;
import dev.svcinfra.config.ConfigException;
import dev.svcinfra.config.DatabaseSettings;
import dev.svcinfra.config.Env;
import dev.svcinfra.config.PoolSettings;
import dev.svcinfra.config.internal.TimeoutSettings;
import dev.svcinfra.testing.TestServices;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real connections through {@link Database} to every database reachable here. */
class DatabaseConnectionTest {
  @TempDir Path dir;

  /** Settings for {@code url} whose pool gives up after two seconds, so failures show fast. */
  private static DatabaseSettings quick(String url) {
    return DatabaseSettings.of(url)
        .withPool(PoolSettings.defaults().withTimeout(Duration.ofSeconds(2)));
  }

  private static String queryOne(Database db, String sql) throws SQLException {
    try (Connection c = db.connection();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      assertThat(rs.next()).isTrue();
      return rs.getString(1);
    }
  }

  @Test
  void postgresWithSslmodeDisable() throws SQLException {
    try (Database db = Database.open(quick(TestServices.postgresUrl()))) {
      assertThat(db.dialect().name()).isEqualTo("postgresql");
      assertThat(db.jdbcUrl()).contains("sslmode=disable");
      assertThat(queryOne(db, "SELECT 40 + 2")).isEqualTo("42");
      assertThat(queryOne(db, "SELECT ssl::text FROM pg_stat_ssl WHERE pid = pg_backend_pid()"))
          .isEqualTo("false");
    }
  }

  @Test
  void postgresRequireAgainstServerWithoutTlsFailsClearly() {
    String url = TestServices.postgresUrl().replace("sslmode=disable", "sslmode=require");
    DatabaseSettings settings =
        DatabaseSettings.of(url)
            .withPool(PoolSettings.defaults().withTimeout(Duration.ofSeconds(2)));
    try (Database db = Database.open(settings)) {
      assertThatThrownBy(db::connection)
          .isInstanceOf(DatabaseUnavailableException.class)
          .hasMessageContaining("cannot connect to postgresql://postgres@127.0.0.1")
          .hasMessageContaining("SQLState 08004")
          .hasMessageContaining("DB_SSLMODE_DEFAULT=disable")
          .satisfies(
              e -> assertThat(((DatabaseUnavailableException) e).sqlState()).contains("08004"))
          .extracting(e -> ((DatabaseUnavailableException) e).code())
          .isEqualTo(ErrorCode.DATABASE_UNAVAILABLE);
    }
  }

  @Test
  void postgresDefaultTlsIsRequire() {
    String url = TestServices.postgresUrl().replace("?sslmode=disable", "");
    try (Database db = Database.open(quick(url))) {
      assertThat(db.jdbcUrl()).contains("sslmode=require");
    }
  }

  @Test
  void postgresOverUnixSocket() throws SQLException {
    Path socket = Path.of("/var/run/postgresql/.s.PGSQL.5432");
    if (!Files.exists(socket) && !TestServices.required("postgres")) {
      org.junit.jupiter.api.Assumptions.abort("no PostgreSQL socket at " + socket);
    }
    try (Database db =
        Database.open("postgresql://postgres@/test?host=/var/run/postgresql&sslmode=disable")) {
      assertThat(queryOne(db, "SELECT coalesce(inet_server_addr()::text, 'socket')"))
          .isEqualTo("socket");
    }
  }

  @Test
  void mariadbThroughBothDrivers() throws SQLException {
    String url = TestServices.mariadbUrl();
    try (Database db = Database.open(quick(url))) {
      assertThat(db.dialect().name()).isEqualTo("mariadb");
      assertThat(queryOne(db, "SELECT VERSION()")).containsIgnoringCase("mariadb");
    }
    try (Database db = Database.open(quick(url.replace("mariadb://", "mysql://")))) {
      assertThat(db.dialect().name()).isEqualTo("mysql");
      assertThat(db.jdbcUrl()).startsWith("jdbc:mysql://");
      assertThat(queryOne(db, "SELECT 1 + 1")).isEqualTo("2");
    }
  }

  @Test
  void mariadbOverUnixSocket() throws SQLException {
    TestServices.mariadbUrl();
    try (Database db =
        Database.open(quick("mariadb://root@/test?unix_socket=/run/mysqld/mysqld.sock"))) {
      assertThat(queryOne(db, "SELECT @@hostname IS NOT NULL")).isEqualTo("1");
      assertThat(db.jdbcUrl()).contains("localSocket=/run/mysqld/mysqld.sock");
    }
    try (Database db =
        Database.open(quick("mysql://root@/test?unix_socket=/run/mysqld/mysqld.sock"))) {
      assertThat(queryOne(db, "SELECT 7")).isEqualTo("7");
    }
  }

  @Test
  void sqliteFileInANewDirectory() throws SQLException {
    Path file = dir.resolve("nested/data/app.db");
    try (Database db = Database.open("sqlite:///" + file)) {
      try (Connection c = db.connection();
          Statement st = c.createStatement()) {
        st.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)");
        st.execute("INSERT INTO t (name) VALUES ('x')");
      }
      assertThat(queryOne(db, "SELECT count(*) FROM t")).isEqualTo("1");
      assertThat(queryOne(db, "PRAGMA foreign_keys")).isEqualTo("1");
    }
    assertThat(file).exists();
  }

  @Test
  void sqliteMemoryKeepsOneDatabaseAcrossBorrows() throws SQLException {
    try (Database db = Database.open(quick("sqlite://"))) {
      try (Connection c = db.connection();
          Statement st = c.createStatement()) {
        st.execute("CREATE TABLE t (id INTEGER)");
      }
      assertThat(queryOne(db, "SELECT count(*) FROM t")).isEqualTo("0");
      assertThat(((HikariDataSource) db.dataSource()).getMaximumPoolSize()).isEqualTo(1);
    }
  }

  @Test
  void duckdbFileAndMemory() throws SQLException {
    Path file = dir.resolve("analytics.duckdb");
    try (Database db = Database.open("duckdb:///" + file)) {
      try (Connection c = db.connection();
          Statement st = c.createStatement()) {
        st.execute("CREATE TABLE t AS SELECT range AS i FROM range(5)");
      }
      assertThat(queryOne(db, "SELECT sum(i) FROM t")).isEqualTo("10");
    }
    try (Database db = Database.open(quick("duckdb://"))) {
      try (Connection c = db.connection();
          Statement st = c.createStatement()) {
        st.execute("CREATE TABLE m (i INTEGER)");
      }
      assertThat(queryOne(db, "SELECT count(*) FROM m")).isEqualTo("0");
    }
  }

  @Test
  void h2ForTests() throws SQLException {
    try (Database db = Database.open(quick("jdbc:h2:mem:conn_test;DB_CLOSE_DELAY=-1"))) {
      assertThat(queryOne(db, "SELECT 3")).isEqualTo("3");
    }
  }

  @Test
  void replicaGetsItsOwnReadOnlyPool() throws SQLException {
    String url = TestServices.postgresUrl();
    DatabaseSettings settings =
        DatabaseSettings.of(url + "&application_name=primary-pool")
            .withReplica(url + "&application_name=replica-pool");
    try (Database db = Database.open(settings)) {
      assertThat(db.hasReplica()).isTrue();
      try (Connection c = db.readConnection();
          Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("SELECT current_setting('application_name')")) {
        rs.next();
        assertThat(rs.getString(1)).isEqualTo("replica-pool");
        assertThat(c.isReadOnly()).isTrue();
      }
      assertThat(queryOne(db, "SELECT current_setting('application_name')"))
          .isEqualTo("primary-pool");
    }
  }

  @Test
  void replicaOfAnotherDatabaseKindIsRefused() {
    DatabaseSettings settings =
        DatabaseSettings.of(TestServices.postgresUrl()).withReplica("sqlite://");
    assertThatThrownBy(() -> Database.open(settings))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("same database");
  }

  @Test
  void poolSettingsReachHikari() {
    DatabaseSettings settings =
        DatabaseSettings.from(
            dev.svcinfra.config.internal.DatabaseUrlResolver.resolve(
                Env.of(Map.of("SQL_URL", TestServices.postgresUrl()))),
            Env.of(
                Map.of(
                    "DB_POOL_SIZE",
                    "3",
                    "DB_MAX_OVERFLOW",
                    "2",
                    "DB_POOL_TIMEOUT",
                    "4",
                    "DB_POOL_RECYCLE",
                    "300")));
    try (Database db = Database.open(settings)) {
      HikariDataSource pool = (HikariDataSource) db.dataSource();
      assertThat(pool.getMaximumPoolSize()).isEqualTo(5);
      assertThat(pool.getMinimumIdle()).isEqualTo(3);
      assertThat(pool.getConnectionTimeout()).isEqualTo(4000);
      assertThat(pool.getMaxLifetime()).isEqualTo(300_000);
    }
  }

  @Test
  void closedPortFailsWithinTheConnectTimeout() {
    DatabaseSettings settings =
        DatabaseSettings.of("postgresql://u:NoLeak42@127.0.0.1:1/x?sslmode=disable")
            .withPool(PoolSettings.defaults().withTimeout(Duration.ofSeconds(1)))
            .withTimeouts(TimeoutSettings.defaults().withConnect(Duration.ofSeconds(1)));
    try (Database db = Database.open(settings)) {
      long start = System.nanoTime();
      assertThatThrownBy(db::connection)
          .isInstanceOf(DatabaseUnavailableException.class)
          .hasMessageContaining("127.0.0.1:1")
          .hasMessageNotContaining("NoLeak42");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }
  }

  @Test
  void serverThatAcceptsButNeverAnswersFailsWithinTheConnectTimeout() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread acceptor =
          new Thread(
              () -> {
                List<Socket> held = new ArrayList<>();
                try {
                  while (true) {
                    held.add(silent.accept()); // accept, then say nothing
                  }
                } catch (IOException closed) {
                  held.forEach(
                      s -> {
                        try {
                          s.close();
                        } catch (IOException ignored) {
                        }
                      });
                }
              });
      acceptor.setDaemon(true);
      acceptor.start();
      // One connection attempt, as the pool makes it: bounded by the connect timeout even though
      // the TCP connect itself succeeds.
      dev.svcinfra.config.DatabaseUrl url =
          dev.svcinfra.config.DatabaseUrl.parse(
              "postgresql://u@127.0.0.1:" + silent.getLocalPort() + "/x?sslmode=disable");
      dev.svcinfra.sql.dialect.internal.ConnectionTarget target =
          dev.svcinfra.sql.dialect.Dialects.POSTGRESQL.connectionTarget(
              url,
              new dev.svcinfra.sql.dialect.internal.ConnectionOptions(
                  TimeoutSettings.defaults().withConnect(Duration.ofSeconds(1)),
                  dev.svcinfra.config.internal.TlsSettings.defaults()));
      long start = System.nanoTime();
      assertThatThrownBy(
              () ->
                  new org.postgresql.Driver()
                      .connect(target.jdbcUrl(), target.toProperties())
                      .close())
          .isInstanceOf(SQLException.class);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
    }
  }

  @Test
  void missingDriverNamesTheArtifact() {
    DatabaseSettings settings =
        DatabaseSettings.of("sqlite://").withForceDriver("org.example.NoSuchDriver");
    assertThatThrownBy(() -> Database.open(settings))
        .isInstanceOf(DriverMissingException.class)
        .hasMessageContaining("org.example.NoSuchDriver")
        .hasMessageContaining("DB_FORCE_DRIVER");
  }

  @Test
  void toStringMasks() {
    try (Database db =
        Database.open(quick("postgresql://u:Hidden77@127.0.0.1/x?sslmode=disable"))) {
      assertThat(db.toString()).doesNotContain("Hidden77").contains("***");
      assertThat(db.jdbcUrl()).doesNotContain("Hidden77");
    }
  }
}
