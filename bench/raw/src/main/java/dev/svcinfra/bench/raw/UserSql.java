package dev.svcinfra.bench.raw;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The statements of the {@code users} resource written by hand: the same SQL text the
 * repository renders for PostgreSQL (soft-deleted rows hidden, {@code ORDER BY ... , "id" ASC}
 * tie-breaker, {@code ILIKE ... ESCAPE}, {@code RETURNING}), and the count skipped when the
 * first page is not full, as the repository does.
 *
 * <pre>{@code
 * UserSql users = new UserSql(dataSource);
 * Optional<User> u = users.get(id);
 * }</pre>
 *
 * @since 0.1
 */
public final class UserSql {
  private static final String COLUMNS =
      "\"id\", \"email\", \"name\", \"created_at\", \"updated_at\", \"deleted_at\"";
  private static final String GET = "SELECT " + COLUMNS
      + " FROM \"users\" WHERE \"id\" = ? AND \"deleted_at\" IS NULL";
  private static final String LIST = "SELECT " + COLUMNS
      + " FROM \"users\" WHERE \"deleted_at\" IS NULL ORDER BY \"created_at\" DESC, \"id\" ASC"
      + " LIMIT ? OFFSET ?";
  private static final String COUNT = "SELECT COUNT(*) FROM \"users\" WHERE \"deleted_at\" IS NULL";
  private static final String MATCH =
      " AND (\"name\" ILIKE ? ESCAPE '\\' OR \"email\" ILIKE ? ESCAPE '\\')";
  private static final String SEARCH = "SELECT " + COLUMNS
      + " FROM \"users\" WHERE \"deleted_at\" IS NULL" + MATCH
      + " ORDER BY \"created_at\" DESC, \"id\" ASC LIMIT ? OFFSET ?";
  private static final String SEARCH_COUNT = COUNT + MATCH;
  private static final String INSERT = "INSERT INTO \"users\" (\"id\", \"email\", \"name\","
      + " \"created_at\", \"updated_at\") VALUES (?, ?, ?, ?, ?) RETURNING " + COLUMNS;
  private static final String UPDATE_NAME = "UPDATE \"users\" SET \"name\" = ?, \"updated_at\" = ?"
      + " WHERE \"id\" = ? AND \"deleted_at\" IS NULL RETURNING " + COLUMNS;

  private final DataSource dataSource;

  public UserSql(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  public Optional<User> get(UUID id) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(GET)) {
      ps.setObject(1, id);
      return one(ps);
    }
  }

  /** A page ordered by {@code -created_at}; {@code q} null lists every live row. */
  public UserPage page(String q, int limit, long offset) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      // The page and its total must agree, so both run in one read-only transaction.
      c.setAutoCommit(false);
      c.setReadOnly(true);
      try {
        List<User> items = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(q == null ? LIST : SEARCH)) {
          int i = bindPattern(ps, q);
          ps.setInt(i, limit);
          ps.setLong(i + 1, offset);
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              items.add(read(rs));
            }
          }
        }
        long total = items.size() < limit && (offset == 0 || !items.isEmpty())
            ? offset + items.size() : count(c, q);
        c.commit();
        return new UserPage(total, items, limit, offset);
      } finally {
        c.rollback();
        c.setReadOnly(false);
        c.setAutoCommit(true);
      }
    }
  }

  public User create(String email, String name) throws SQLException {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(INSERT)) {
      ps.setObject(1, UUID.randomUUID());
      ps.setString(2, email);
      ps.setString(3, name);
      ps.setObject(4, now);
      ps.setObject(5, now);
      return one(ps).orElseThrow();
    }
  }

  public Optional<User> rename(UUID id, String name) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(UPDATE_NAME)) {
      ps.setString(1, name);
      ps.setObject(2, OffsetDateTime.now(ZoneOffset.UTC));
      ps.setObject(3, id);
      return one(ps);
    }
  }

  private static long count(Connection c, String q) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(q == null ? COUNT : SEARCH_COUNT)) {
      bindPattern(ps, q);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /** Binds the contains-pattern twice (name, email); returns the next parameter index. */
  private static int bindPattern(PreparedStatement ps, String q) throws SQLException {
    if (q == null) {
      return 1;
    }
    String pattern = "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    ps.setString(1, pattern);
    ps.setString(2, pattern);
    return 3;
  }

  private static Optional<User> one(PreparedStatement ps) throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      return rs.next() ? Optional.of(read(rs)) : Optional.empty();
    }
  }

  private static User read(ResultSet rs) throws SQLException {
    return new User(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
        rs.getObject(4, OffsetDateTime.class), rs.getObject(5, OffsetDateTime.class),
        rs.getObject(6, OffsetDateTime.class));
  }
}
