package dev.svcinfra.sql.repo;

import java.util.List;
import java.util.function.Function;

/**
 * One page of an offset-paginated list: the items, the total number of matching rows, and the limit
 * and offset that produced it.
 *
 * <pre>{@code
 * Page<User> page = users.list(tx,
 *     ListRequest.builder().limit(20).offset(40).orderBy("-created_at").build());
 * page.items(); page.total();
 * }</pre>
 *
 * @since 0.1
 */
public record Page<T>(List<T> items, long total, int limit, long offset) {
  public Page {
    items = List.copyOf(items);
  }

  /** The same page with each item mapped. */
  public <R> Page<R> map(Function<? super T, ? extends R> f) {
    return new Page<>(items.stream().<R>map(f).toList(), total, limit, offset);
  }
}
