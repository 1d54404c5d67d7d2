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
 * The statements of the {@code users} resource written by hand: the same SQL text, in the same
 * order and the same transaction shape as the generated resource sends to PostgreSQL (soft-deleted
 * rows hidden, {@code ORDER BY ... , "id" ASC} tie-breaker, {@code ILIKE ... ESCAPE '!'}, {@code
 * RETURNING}, no count when the first page is not full, the count modes' statements). Get by id, a
 * create and a list page under {@code count=none} are one statement in auto-commit, a create
 * leaving duplicates to the unique index; a rename and a page that may count keep a transaction.
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
  private static final String GET =
      "SELECT " + COLUMNS + " FROM \"users\" WHERE \"id\" = ? AND \"deleted_at\" IS NULL";
  private static final String LIVE = " FROM \"users\" WHERE \"deleted_at\" IS NULL";
  private static final String MATCH =
      " AND (\"email\" ILIKE ? ESCAPE '!' OR \"name\" ILIKE ? ESCAPE '!')";
  private static final String ORDER = " ORDER BY \"created_at\" DESC, \"id\" ASC LIMIT ";

  /** The SQLState of a unique violation. */
  private static final String UNIQUE_VIOLATION = "23505";

  private static final String INSERT =
      "INSERT INTO \"users\" (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?) RETURNING " + COLUMNS;
  private static final String UPDATE_NAME =
      "UPDATE \"users\" SET \"name\" = ?, \"updated_at\" = ?"
          + " WHERE \"id\" = ? AND \"deleted_at\" IS NULL RETURNING "
          + COLUMNS;

  private static final com.fasterxml.jackson.databind.ObjectMapper PLAN =
      new com.fasterxml.jackson.databind.ObjectMapper();

  private final DataSource dataSource;

  public UserSql(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  public Optional<User> get(UUID id) throws SQLException {
    return alone(
        c -> {
          try (PreparedStatement ps = c.prepareStatement(GET)) {
            ps.setObject(1, id);
            return one(ps);
          }
        });
  }

  /**
   * A page ordered by {@code -created_at}; {@code q} null lists every live row. {@code count} is
   * the list's count mode, as the generated resource takes it: {@code exact} counts, {@code
   * planned} (its default) asks the planner with {@code EXPLAIN (FORMAT JSON) SELECT 1 ...}, {@code
   * none} sends nothing; a page that is not full reports its own size as an exact total.
   */
  public UserPage page(String q, int limit, long offset, String count) throws SQLException {
    String where = LIVE + (q == null ? "" : MATCH);
    String select =
        "SELECT " + COLUMNS + where + ORDER + limit + (offset > 0 ? " OFFSET " + offset : "");
    Work<UserPage> work =
        c -> {
          List<User> items = new ArrayList<>();
          try (PreparedStatement ps = c.prepareStatement(select)) {
            bindPattern(ps, q);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                items.add(read(rs));
              }
            }
          }
          long shown = offset + items.size();
          if (items.size() < limit && (offset == 0 || !items.isEmpty())) {
            return new UserPage(shown, "exact", items, limit, offset);
          }
          return switch (count) {
            case "none" -> new UserPage(null, "none", items, limit, offset);
            case "exact" ->
                new UserPage(count(c, "SELECT COUNT(*)" + where, q), "exact", items, limit, offset);
            default ->
                new UserPage(
                    Math.max(shown, planRows(c, "EXPLAIN (FORMAT JSON) SELECT 1" + where, q)),
                    "planned",
                    items,
                    limit,
                    offset);
          };
        };
    // Like the generated list: a page that may count keeps its transaction; count=none sends the
    // page alone in auto-commit.
    return count.equals("none") ? alone(work) : inTransaction(work);
  }

  /**
   * The new user, or empty when a live user has this email ignoring case: the INSERT alone in
   * auto-commit, the unique index over lower(email) of live rows deciding duplicates.
   */
  public Optional<User> create(String email, String name) throws SQLException {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    return alone(
        c -> {
          try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            ps.setObject(1, UUID.randomUUID());
            ps.setString(2, email);
            ps.setString(3, name);
            ps.setObject(4, now);
            ps.setObject(5, now);
            ps.setObject(6, null);
            return one(ps);
          } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
              return Optional.empty();
            }
            throw e;
          }
        });
  }

  public Optional<User> rename(UUID id, String name) throws SQLException {
    return inTransaction(
        c -> {
          try (PreparedStatement ps = c.prepareStatement(UPDATE_NAME)) {
            ps.setString(1, name);
            ps.setObject(2, OffsetDateTime.now(ZoneOffset.UTC));
            ps.setObject(3, id);
            return one(ps);
          }
        });
  }

  /** Work of one statement on one connection in auto-commit: no BEGIN/COMMIT around it. */
  private <T> T alone(Work<T> work) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      return work.run(c);
    }
  }

  /** Work on one connection in one transaction, committed when it returns. */
  private <T> T inTransaction(Work<T> work) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }

  /** A unit of JDBC work on a borrowed connection. */
  private interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  private static long count(Connection c, String sql, String q) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bindPattern(ps, q);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  /** The top plan node's "Plan Rows" (written first in PostgreSQL's JSON plan). */
  private static long planRows(Connection c, String sql, String q) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bindPattern(ps, q);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return (long) PLAN.readTree(rs.getString(1)).get(0).get("Plan").get("Plan Rows").asDouble();
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new SQLException("EXPLAIN gave no JSON plan", e);
      }
    }
  }

  /** Binds the contains-pattern for email and name when searching. */
  private static void bindPattern(PreparedStatement ps, String q) throws SQLException {
    if (q == null) {
      return;
    }
    StringBuilder pattern = new StringBuilder("%");
    for (char ch : q.toCharArray()) {
      if (ch == '%' || ch == '_' || ch == '!') {
        pattern.append('!');
      }
      pattern.append(ch);
    }
    String p = pattern.append('%').toString();
    ps.setString(1, p);
    ps.setString(2, p);
  }

  private static Optional<User> one(PreparedStatement ps) throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      return rs.next() ? Optional.of(read(rs)) : Optional.empty();
    }
  }

  private static User read(ResultSet rs) throws SQLException {
    return new User(
        rs.getObject(1, UUID.class),
        rs.getString(2),
        rs.getString(3),
        rs.getObject(4, OffsetDateTime.class),
        rs.getObject(5, OffsetDateTime.class),
        rs.getObject(6, OffsetDateTime.class));
  }
}
