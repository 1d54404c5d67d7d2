package dev.svcinfra.sql;

import dev.svcinfra.config.internal.StatementLogSettings;
import dev.svcinfra.sql.dialect.Dialect;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/**
 * A JDBC connection that executes nothing: it records each prepared statement's SQL and answers
 * queries with no rows (a count of 0) and updates with one row. Rendered SQL of dialects without a
 * server here (SQL Server, Snowflake) is asserted through it.
 */
public final class RecordingConnection {
  public final List<String> statements = new ArrayList<>();
  private final Connection connection;

  public RecordingConnection() {
    this.connection =
        (Connection)
            Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {Connection.class},
                (proxy, method, args) ->
                    switch (method.getName()) {
                      case "prepareStatement" -> {
                        statements.add((String) args[0]);
                        yield statement();
                      }
                      case "getAutoCommit", "isClosed" -> false;
                      default -> null;
                    });
  }

  /** A transaction over the recording connection in {@code dialect}. */
  public Transaction transaction(Dialect dialect) {
    return new Transaction(
        connection,
        dialect,
        new StatementLog(StatementLogSettings.defaults()),
        null,
        true,
        false,
        false);
  }

  private PreparedStatement statement() {
    return (PreparedStatement)
        Proxy.newProxyInstance(
            getClass().getClassLoader(),
            new Class<?>[] {PreparedStatement.class},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "executeQuery", "getGeneratedKeys" -> countRow();
                  case "executeUpdate" -> 1;
                  default -> null;
                });
  }

  /** One row whose every column reads as 0 / null, so COUNT(*) answers 0. */
  private ResultSet countRow() {
    boolean[] consumed = {false};
    return (ResultSet)
        Proxy.newProxyInstance(
            getClass().getClassLoader(),
            new Class<?>[] {ResultSet.class},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "next" -> {
                    boolean first = !consumed[0];
                    consumed[0] = true;
                    yield first;
                  }
                  case "getLong" -> 0L;
                  case "getInt" -> 0;
                  case "wasNull" -> true;
                  case "getShort" -> (short) 0;
                  case "getBoolean" -> false;
                  case "getDouble" -> 0.0;
                  case "getFloat" -> 0.0f;
                  default -> null;
                });
  }
}
