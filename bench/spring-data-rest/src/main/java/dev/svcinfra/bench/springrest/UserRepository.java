package dev.svcinfra.bench.springrest;

import java.util.UUID;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.repository.query.Param;
import org.springframework.data.rest.core.annotation.RestResource;

/**
 * The exported repository: {@code /users} (paged, sortable), {@code /users/{id}}, POST, PATCH,
 * and the search {@code /users/search/q?name=..&email=..} (contains, ignoring case).
 *
 * <pre>{@code
 * GET /users?page=0&size=20&sort=createdAt,desc
 * GET /users/search/q?name=ann&email=ann&size=20
 * }</pre>
 *
 * @since 0.1
 */
public interface UserRepository extends JpaRepository<User, UUID> {
  @RestResource(path = "q", rel = "q")
  Page<User> findByNameContainingIgnoreCaseOrEmailContainingIgnoreCase(@Param("name") String name,
      @Param("email") String email, Pageable pageable);
}
