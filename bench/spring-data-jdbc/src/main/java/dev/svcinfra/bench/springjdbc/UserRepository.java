package dev.svcinfra.bench.springjdbc;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.ListCrudRepository;
import org.springframework.data.repository.query.Param;

/**
 * Spring Data JDBC repository of live (not soft-deleted) users, with the list and search
 * statements of the generated resource written as {@code @Query}.
 *
 * <pre>{@code
 * Optional<User> u = users.findLive(id);
 * List<User> page = users.page(20, 0);
 * }</pre>
 *
 * @since 0.1
 */
public interface UserRepository extends ListCrudRepository<User, UUID> {
  @Query("SELECT * FROM users WHERE id = :id AND deleted_at IS NULL")
  Optional<User> findLive(@Param("id") UUID id);

  @Query("SELECT * FROM users WHERE deleted_at IS NULL ORDER BY created_at DESC, id ASC"
      + " LIMIT :limit OFFSET :offset")
  List<User> page(@Param("limit") int limit, @Param("offset") long offset);

  @Query("SELECT COUNT(*) FROM users WHERE deleted_at IS NULL")
  long countLive();

  @Query("SELECT * FROM users WHERE deleted_at IS NULL"
      + " AND (name ILIKE :pattern ESCAPE '\\' OR email ILIKE :pattern ESCAPE '\\')"
      + " ORDER BY created_at DESC, id ASC LIMIT :limit OFFSET :offset")
  List<User> search(@Param("pattern") String pattern, @Param("limit") int limit,
      @Param("offset") long offset);

  @Query("SELECT COUNT(*) FROM users WHERE deleted_at IS NULL"
      + " AND (name ILIKE :pattern ESCAPE '\\' OR email ILIKE :pattern ESCAPE '\\')")
  long countMatching(@Param("pattern") String pattern);
}
