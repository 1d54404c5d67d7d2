package dev.svcinfra.bench.idiomatic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The {@code users} table as a hand-written service talks to it: every method sends single
 * statements on a pooled connection in autocommit (no {@code BEGIN}/{@code COMMIT} around them), an
 * insert leaves duplicate emails to the unique index {@code lower(email)} of live rows (the caller
 * turns SQLState 23505 into a 409), and a rename is one {@code UPDATE ... RETURNING}.
 *
 * <pre>{@code
 * PersonTable table = new PersonTable(dataSource, mapper);
 * Optional<Person> p = table.find(id);
 * }</pre>
 *
 * @since 0.1
 */
public final class PersonTable {
  /** The SQLState PostgreSQL reports for a unique violation. */
  public static final String UNIQUE_VIOLATION = "23505";

  private static final String FIELDS = "id, email, name, created_at, updated_at, deleted_at";
  private static final String FIND =
      "SELECT " + FIELDS + " FROM users WHERE id = ? AND deleted_at IS NULL";
  private static final String ADD =
      "INSERT INTO users (" + FIELDS + ") VALUES (?, ?, ?, ?, ?, NULL) RETURNING " + FIELDS;
  private static final String LIVE = " FROM users WHERE deleted_at IS NULL";
  private static final String SEARCH = " AND (email ILIKE ? OR name ILIKE ?)";

  private final DataSource pool;
  private final ObjectMapper json;

  public PersonTable(DataSource pool, ObjectMapper json) {
    this.pool = pool;
    this.json = json;
  }

  public Optional<Person> find(UUID id) throws SQLException {
    try (Connection c = pool.getConnection();
        PreparedStatement ps = c.prepareStatement(FIND)) {
      ps.setObject(1, id);
      return first(ps);
    }
  }

  /** Inserts a live user; a duplicate email fails with SQLState {@link #UNIQUE_VIOLATION}. */
  public Person add(String email, String name) throws SQLException {
    OffsetDateTime now = OffsetDateTime.now(java.time.ZoneOffset.UTC);
    try (Connection c = pool.getConnection();
        PreparedStatement ps = c.prepareStatement(ADD)) {
      ps.setObject(1, UUID.randomUUID());
      ps.setString(2, email);
      ps.setString(3, name);
      ps.setObject(4, now);
      ps.setObject(5, now);
      return first(ps).orElseThrow(() -> new SQLException("INSERT ... RETURNING gave no row"));
    }
  }

  /**
   * Sets the given fields (null ones stay) and {@code updated_at} of a live user in one {@code
   * UPDATE ... RETURNING}; empty when no live user has this id.
   */
  public Optional<Person> change(UUID id, String email, String name) throws SQLException {
    StringBuilder sql = new StringBuilder("UPDATE users SET updated_at = ?");
    if (email != null) {
      sql.append(", email = ?");
    }
    if (name != null) {
      sql.append(", name = ?");
    }
    sql.append(" WHERE id = ? AND deleted_at IS NULL RETURNING ").append(FIELDS);
    try (Connection c = pool.getConnection();
        PreparedStatement ps = c.prepareStatement(sql.toString())) {
      int i = 1;
      ps.setObject(i++, OffsetDateTime.now(java.time.ZoneOffset.UTC));
      if (email != null) {
        ps.setString(i++, email);
      }
      if (name != null) {
        ps.setString(i++, name);
      }
      ps.setObject(i, id);
      return first(ps);
    }
  }

  /**
   * A page of live users, newest first (or oldest first), with the total the count mode asks for. A
   * page shorter than its limit proves the total, so no count runs then.
   */
  public ListPage page(String q, boolean newestFirst, int limit, long offset, String count)
      throws SQLException {
    String where = LIVE + (q == null ? "" : SEARCH);
    String order = newestFirst ? " ORDER BY created_at DESC, id" : " ORDER BY created_at, id";
    String pattern = q == null ? null : "%" + escapeLike(q) + "%";
    try (Connection c = pool.getConnection()) {
      List<Person> items;
      try (PreparedStatement ps =
          c.prepareStatement("SELECT " + FIELDS + where + order + " LIMIT ? OFFSET ?")) {
        int next = bindSearch(ps, pattern);
        ps.setInt(next, limit);
        ps.setLong(next + 1, offset);
        items = all(ps, limit);
      }
      long seen = offset + items.size();
      boolean lastPage = items.size() < limit && (items.size() > 0 || offset == 0);
      if (lastPage) {
        return new ListPage(seen, "exact", items, limit, offset);
      }
      return switch (count) {
        case "none" -> new ListPage(null, "none", items, limit, offset);
        case "exact" ->
            new ListPage(
                Long.parseLong(firstValue(c, "SELECT COUNT(*)" + where, pattern)),
                "exact",
                items,
                limit,
                offset);
        default ->
            new ListPage(
                Math.max(seen, estimate(c, where, pattern)), "planned", items, limit, offset);
      };
    }
  }

  /** The planner's row estimate for the filter: the top plan node's "Plan Rows". */
  private long estimate(Connection c, String where, String pattern) throws SQLException {
    String plan = firstValue(c, "EXPLAIN (FORMAT JSON) SELECT 1" + where, pattern);
    try {
      JsonNode rows = json.readTree(plan).path(0).path("Plan").path("Plan Rows");
      if (rows.isNumber()) {
        return rows.asLong();
      }
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new SQLException("EXPLAIN gave no JSON plan", e);
    }
    throw new SQLException("EXPLAIN gave no \"Plan Rows\"");
  }

  /** The first column of the first row a filtered statement answers, as text. */
  private static String firstValue(Connection c, String sql, String pattern) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bindSearch(ps, pattern);
      ResultSet rs = ps.executeQuery();
      return rs.next() ? rs.getString(1) : null;
    }
  }

  /** Binds the search pattern to email and name, if any; answers the next parameter index. */
  private static int bindSearch(PreparedStatement ps, String pattern) throws SQLException {
    if (pattern == null) {
      return 1;
    }
    ps.setString(1, pattern);
    ps.setString(2, pattern);
    return 3;
  }

  /** LIKE's default escape character in PostgreSQL is the backslash. */
  private static String escapeLike(String q) {
    return q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }

  private static List<Person> all(PreparedStatement ps, int expected) throws SQLException {
    List<Person> found = new ArrayList<>(expected);
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        found.add(read(rs));
      }
    }
    return found;
  }

  private static Optional<Person> first(PreparedStatement ps) throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      return rs.next() ? Optional.of(read(rs)) : Optional.empty();
    }
  }

  private static Person read(ResultSet rs) throws SQLException {
    return new Person(
        rs.getObject(1, UUID.class),
        rs.getString(2),
        rs.getString(3),
        instant(rs, 4),
        instant(rs, 5),
        instant(rs, 6));
  }

  private static Instant instant(ResultSet rs, int column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }
}
