package dev.svcinfra.bench.springjdbc;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.data.jdbc.core.JdbcAggregateTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The {@code /users} routes as a Spring MVC controller over {@link UserRepository}, written the
 * way the Spring Data JDBC reference shows (transactions per request, the aggregate saved whole).
 *
 * <pre>{@code
 * GET /users?limit=20&order_by=-created_at
 * PATCH /users/{id} {"name": "Ann"}
 * }</pre>
 *
 * @since 0.1
 */
@RestController
@RequestMapping("/users")
public class UserController {
  private final UserRepository users;
  private final JdbcAggregateTemplate template;

  public UserController(UserRepository users, JdbcAggregateTemplate template) {
    this.users = users;
    this.template = template;
  }

  @GetMapping("/{id}")
  public ResponseEntity<User> get(@PathVariable UUID id) {
    return ResponseEntity.of(users.findLive(id));
  }

  @GetMapping
  @Transactional(readOnly = true)
  public ResponseEntity<UserPage> list(@RequestParam(defaultValue = "50") int limit,
      @RequestParam(defaultValue = "0") long offset, @RequestParam(required = false) String q) {
    if (limit < 1 || limit > 1000 || offset < 0) {
      return ResponseEntity.unprocessableEntity().build();
    }
    String pattern = q == null || q.isBlank() ? null
        : "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    List<User> items = pattern == null ? users.page(limit, offset)
        : users.search(pattern, limit, offset);
    // Like Spring Data's own Page: no count when the first page is not full.
    long total = items.size() < limit && (offset == 0 || !items.isEmpty())
        ? offset + items.size()
        : pattern == null ? users.countLive() : users.countMatching(pattern);
    return ResponseEntity.ok(new UserPage(total, items, limit, offset));
  }

  @PostMapping
  public ResponseEntity<User> create(@RequestBody Map<String, String> body) {
    String email = body.get("email");
    if (email == null || email.isBlank()) {
      return ResponseEntity.unprocessableEntity().build();
    }
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    User created = template.insert(new User(UUID.randomUUID(), email, body.get("name"), now, now,
        null));
    return ResponseEntity.status(HttpStatus.CREATED).body(created);
  }

  @PatchMapping("/{id}")
  @Transactional
  public ResponseEntity<User> patch(@PathVariable UUID id, @RequestBody Map<String, String> body) {
    return ResponseEntity.of(users.findLive(id).map(u ->
        users.save(u.withName(body.get("name"), OffsetDateTime.now(ZoneOffset.UTC)))));
  }
}
