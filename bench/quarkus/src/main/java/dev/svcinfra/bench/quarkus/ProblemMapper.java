package dev.svcinfra.bench.quarkus;

import jakarta.persistence.PersistenceException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Problem details for failures: a unique violation (SQLState 23505 anywhere in the cause chain) is
 * a 409, anything else from the database a 500.
 *
 * <pre>{@code
 * return ProblemMapper.problem(404, "not_found", "no live user has this id");
 * }</pre>
 *
 * @since 0.1
 */
@Provider
public class ProblemMapper implements ExceptionMapper<PersistenceException> {
  @Override
  public Response toResponse(PersistenceException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
        return problem(409, "conflict", "a live user already has this email");
      }
    }
    return problem(500, "internal", "the database refused the request");
  }

  static Response problem(int status, String code, String detail) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", "about:blank");
    body.put("title", code.replace('_', ' '));
    body.put("status", status);
    body.put("detail", detail);
    body.put("code", code);
    return Response.status(status).type("application/problem+json").entity(body).build();
  }
}
