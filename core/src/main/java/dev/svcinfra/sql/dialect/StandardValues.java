package dev.svcinfra.sql.dialect;

import dev.svcinfra.sql.dialect.internal.ClassifiedError;
import dev.svcinfra.sql.dialect.internal.SqlErrorKind;
import dev.svcinfra.sql.model.ColumnType;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

/**
 * How canonical column values (see {@code sql.model.MappedColumn}) are bound and read with JDBC,
 * and how failures are classified by SQLState, for databases that follow the standard; the dialects
 * override only what their driver does differently.
 */
abstract class StandardValues implements Dialect {

  @Override
  public void bind(PreparedStatement ps, int index, Object value, ColumnType type)
      throws SQLException {
    if (value == null) {
      ps.setNull(index, sqlType(type));
      return;
    }
    switch (type.kind()) {
      case STRING, TEXT, ENUM -> ps.setString(index, (String) value);
      case SMALLINT -> ps.setShort(index, ((Number) value).shortValue());
      case INTEGER -> ps.setInt(index, ((Number) value).intValue());
      case BIGINT -> ps.setLong(index, ((Number) value).longValue());
      case DECIMAL -> ps.setBigDecimal(index, (BigDecimal) value);
      case REAL -> ps.setFloat(index, ((Number) value).floatValue());
      case DOUBLE -> ps.setDouble(index, ((Number) value).doubleValue());
      case BOOLEAN -> ps.setBoolean(index, (Boolean) value);
      case UUID -> bindUuid(ps, index, (UUID) value);
      case DATE, TIME, TIMESTAMP -> ps.setObject(index, value);
      case TIMESTAMP_TZ -> bindInstant(ps, index, (Instant) value);
      case BINARY -> ps.setBytes(index, (byte[]) value);
      case JSON -> bindJson(ps, index, (String) value);
    }
  }

  void bindUuid(PreparedStatement ps, int index, UUID value) throws SQLException {
    ps.setObject(index, value);
  }

  void bindInstant(PreparedStatement ps, int index, Instant value) throws SQLException {
    ps.setObject(index, value.atOffset(ZoneOffset.UTC));
  }

  void bindJson(PreparedStatement ps, int index, String json) throws SQLException {
    ps.setString(index, json);
  }

  /** The {@link Types} code used to bind a NULL of this kind. */
  int sqlType(ColumnType type) {
    return switch (type.kind()) {
      case STRING, TEXT, ENUM, JSON -> Types.VARCHAR;
      case SMALLINT -> Types.SMALLINT;
      case INTEGER -> Types.INTEGER;
      case BIGINT -> Types.BIGINT;
      case DECIMAL -> Types.DECIMAL;
      case REAL -> Types.REAL;
      case DOUBLE -> Types.DOUBLE;
      case BOOLEAN -> Types.BOOLEAN;
      case UUID -> Types.OTHER;
      case DATE -> Types.DATE;
      case TIME -> Types.TIME;
      case TIMESTAMP -> Types.TIMESTAMP;
      case TIMESTAMP_TZ -> Types.TIMESTAMP_WITH_TIMEZONE;
      case BINARY -> Types.VARBINARY;
    };
  }

  /**
   * Getters returning an object already answer null for SQL NULL; only the primitive ones (0,
   * false) need {@code wasNull()}, an extra driver call per column (a JNI call on SQLite).
   */
  @Override
  public Object read(ResultSet rs, int index, ColumnType type) throws SQLException {
    return switch (type.kind()) {
      case STRING, TEXT, ENUM, JSON -> rs.getString(index);
      case SMALLINT -> orNull(rs, rs.getShort(index));
      case INTEGER -> orNull(rs, rs.getInt(index));
      case BIGINT -> orNull(rs, rs.getLong(index));
      case DECIMAL -> rs.getBigDecimal(index);
      case REAL -> orNull(rs, rs.getFloat(index));
      case DOUBLE -> orNull(rs, rs.getDouble(index));
      case BOOLEAN -> orNull(rs, rs.getBoolean(index));
      case UUID -> readUuid(rs, index);
      case DATE -> rs.getObject(index, LocalDate.class);
      case TIME -> rs.getObject(index, LocalTime.class);
      case TIMESTAMP -> rs.getObject(index, LocalDateTime.class);
      case TIMESTAMP_TZ -> readInstant(rs, index);
      case BINARY -> rs.getBytes(index);
    };
  }

  /**
   * Whole numbers and booleans skip {@code wasNull()}: their getters answer 0 and false for NULL.
   * Floating-point kinds still check it: DuckDB answers NaN, not 0, for a NULL double.
   */
  @Override
  public Object readZeroForNull(ResultSet rs, int index, ColumnType type) throws SQLException {
    return switch (type.kind()) {
      case SMALLINT -> rs.getShort(index);
      case INTEGER -> rs.getInt(index);
      case BIGINT -> rs.getLong(index);
      case BOOLEAN -> rs.getBoolean(index);
      default -> read(rs, index, type);
    };
  }

  /** A primitive getter's value, or null when the column was SQL NULL. */
  private static Object orNull(ResultSet rs, Object primitive) throws SQLException {
    return rs.wasNull() ? null : primitive;
  }

  Object readUuid(ResultSet rs, int index) throws SQLException {
    Object v = rs.getObject(index);
    return v == null || v instanceof UUID ? v : UUID.fromString(v.toString());
  }

  Object readInstant(ResultSet rs, int index) throws SQLException {
    OffsetDateTime v = rs.getObject(index, OffsetDateTime.class);
    return v == null ? null : v.toInstant();
  }

  // ---- error classification ------------------------------------------------------------------

  /**
   * Standard SQLStates (SQL:2016 and what PostgreSQL, H2 and DuckDB report). Class 23 is integrity,
   * 22 data, 08 connection, 40 transaction rollback, 57014 cancellation.
   */
  private static final Map<String, SqlErrorKind> STANDARD_STATES =
      Map.ofEntries(
          Map.entry("23505", SqlErrorKind.UNIQUE_VIOLATION),
          Map.entry("23502", SqlErrorKind.NOT_NULL_VIOLATION),
          Map.entry("23503", SqlErrorKind.FOREIGN_KEY_VIOLATION),
          Map.entry("23514", SqlErrorKind.CHECK_VIOLATION),
          Map.entry("57014", SqlErrorKind.STATEMENT_TIMEOUT),
          Map.entry("40001", SqlErrorKind.TRANSIENT_CONFLICT),
          Map.entry("40P01", SqlErrorKind.TRANSIENT_CONFLICT),
          Map.entry("25006", SqlErrorKind.READ_ONLY));

  @Override
  public ClassifiedError classify(SQLException e) {
    String state = e.getSQLState();
    if (state == null) {
      return ClassifiedError.of(SqlErrorKind.OTHER);
    }
    SqlErrorKind kind = STANDARD_STATES.get(state);
    if (kind != null) {
      return ClassifiedError.of(kind);
    }
    if (state.startsWith("08")) {
      return ClassifiedError.of(SqlErrorKind.CONNECTION_FAILURE);
    }
    if (state.startsWith("22")) {
      return ClassifiedError.of(SqlErrorKind.INVALID_VALUE);
    }
    if (state.equals("HYT00") || state.equals("HYT01")) {
      return ClassifiedError.of(SqlErrorKind.STATEMENT_TIMEOUT);
    }
    return ClassifiedError.of(SqlErrorKind.OTHER);
  }
}
