package dev.svcinfra.bench.quarkus;

import io.quarkus.panache.common.Sort;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The {@code /users} routes with Panache queries. The list's total is Panache's {@code count()}
 * (exact: the framework has no estimate) unless {@code count=none}; as every system here, no count
 * runs when the first page is not full. Duplicates are left to the unique index ({@link
 * ProblemMapper} turns the violation into a 409).
 *
 * <pre>{@code
 * GET /users?limit=20&order_by=-created_at
 * PATCH /users/{id} {"name": "Ann"}
 * }</pre>
 *
 * @since 0.1
 */
@Path("/")
public class MemberResource {
  private static final String LIVE = "deletedAt is null";
  private static final String SEARCH = LIVE + " and (email ilike ?1 or name ilike ?1)";

  /** Fields a create or a change may carry. */
  public record Fields(String email, String name) {}

  @GET
  @Path("health")
  public Map<String, String> health() {
    return Map.of("status", "ok");
  }

  @GET
  @Path("users/{id}")
  public Response get(@PathParam("id") String id) {
    return found(live(id));
  }

  @GET
  @Path("users")
  public Response list(
      @QueryParam("limit") Integer limitParam,
      @QueryParam("offset") Long offsetParam,
      @QueryParam("order_by") String orderBy,
      @QueryParam("count") String count,
      @QueryParam("q") String q) {
    int limit = limitParam == null ? 50 : limitParam;
    long offset = offsetParam == null ? 0 : offsetParam;
    String order = orderBy == null ? "-created_at" : orderBy;
    String mode = count == null ? "exact" : count;
    if (limit < 1
        || limit > 1000
        || offset < 0
        || !List.of("exact", "planned", "none").contains(mode)
        || !(order.equals("created_at") || order.equals("-created_at"))) {
      return ProblemMapper.problem(
          422, "validation", "invalid input: limit, offset, order_by or count");
    }
    Sort sort = order.startsWith("-") ? Sort.descending("createdAt") : Sort.ascending("createdAt");
    sort = sort.and("id");
    boolean search = q != null && !q.isBlank();
    var query =
        search
            ? Member.<Member>find(
                SEARCH,
                sort,
                "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%")
            : Member.<Member>find(LIVE, sort);
    List<Member> items = query.range((int) offset, (int) offset + limit - 1).list();
    if (items.size() < limit && (offset == 0 || !items.isEmpty())) {
      return Response.ok(new MemberPage(offset + items.size(), "exact", items, limit, offset))
          .build();
    }
    MemberPage page =
        mode.equals("none")
            ? new MemberPage(null, "none", items, limit, offset)
            : new MemberPage(query.count(), "exact", items, limit, offset);
    return Response.ok(page).build();
  }

  @POST
  @Path("users")
  @Transactional
  public Response create(Fields in) {
    if (in == null || in.email() == null || in.email().isBlank()) {
      return ProblemMapper.problem(422, "validation", "invalid input: email is required");
    }
    Member m = new Member();
    m.id = UUID.randomUUID();
    m.email = in.email();
    m.name = in.name();
    m.createdAt = Instant.now();
    m.updatedAt = m.createdAt;
    m.persistAndFlush();
    return Response.status(201).entity(m).build();
  }

  @PATCH
  @Path("users/{id}")
  @Transactional
  public Response change(@PathParam("id") String id, Fields in) {
    if (in == null) {
      return ProblemMapper.problem(422, "validation", "invalid input: a JSON object is required");
    }
    Member m = live(id);
    if (m != null) {
      if (in.email() != null) {
        m.email = in.email();
      }
      if (in.name() != null) {
        m.name = in.name();
      }
      m.updatedAt = Instant.now();
      m.flush();
    }
    return found(m);
  }

  private static Member live(String id) {
    UUID key;
    try {
      key = UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      return null;
    }
    return Member.<Member>find("id = ?1 and " + LIVE, key).firstResult();
  }

  private static Response found(Member m) {
    return m == null
        ? ProblemMapper.problem(404, "not_found", "no live user has this id")
        : Response.ok(m).build();
  }
}
