package dev.svcinfra.sql;

import dev.svcinfra.config.internal.StatementLogSettings;
import dev.svcinfra.sql.dialect.Dialect;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;

/**
 * A real JDBC connection that also records each prepared statement's SQL and every {@code set..}
 * call that bound its parameters, so a test can run the same statement again with the same binds
 * (under {@code EXPLAIN}, say). Everything runs on the wrapped connection.
 */
public final class CapturingConnection {
  /** One prepared statement: its SQL and its bind calls, in order. */
  public record Captured(String sql, List<Bind> binds) {
    /** Binds {@code ps} exactly as the statement was bound. */
    public void bindInto(PreparedStatement ps) throws Exception {
      for (Bind b : binds) {
        b.method().invoke(ps, b.args());
      }
    }
  }

  /** One {@code PreparedStatement.set..} call. */
  public record Bind(Method method, Object[] args) {}

  public final List<Captured> statements = new ArrayList<>();
  private final Connection real;
  private final Connection proxy;

  public CapturingConnection(Connection real) {
    this.real = real;
    this.proxy =
        (Connection)
            Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {Connection.class},
                (p, method, args) -> {
                  Object result = call(real, method, args);
                  if (method.getName().equals("prepareStatement")) {
                    Captured captured = new Captured((String) args[0], new ArrayList<>());
                    statements.add(captured);
                    return capturing((PreparedStatement) result, captured);
                  }
                  return result;
                });
  }

  /** A transaction over the capturing connection in {@code dialect}, without a timeout. */
  public Transaction transaction(Dialect dialect) {
    return new Transaction(
        proxy,
        dialect,
        new StatementLog(StatementLogSettings.defaults()),
        null,
        true,
        false,
        false);
  }

  /** The statements whose SQL starts with {@code prefix}. */
  public List<Captured> startingWith(String prefix) {
    return statements.stream().filter(s -> s.sql().startsWith(prefix)).toList();
  }

  public Connection real() {
    return real;
  }

  private PreparedStatement capturing(PreparedStatement ps, Captured captured) {
    return (PreparedStatement)
        Proxy.newProxyInstance(
            getClass().getClassLoader(),
            new Class<?>[] {PreparedStatement.class},
            (p, method, args) -> {
              if (method.getName().startsWith("set")
                  && args != null
                  && args.length >= 2
                  && args[0] instanceof Integer) {
                captured.binds().add(new Bind(method, args.clone()));
              }
              return call(ps, method, args);
            });
  }

  private static Object call(Object target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
