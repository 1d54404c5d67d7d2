package dev.svcinfra.sql.repo;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * One slice of a keyset-paginated list: the items and, when more rows follow, the opaque cursor
 * that fetches the next slice. Keyset pages stay fast on large tables, unlike deep offsets.
 *
 * <pre>{@code
 * ListRequest.Builder newest = ListRequest.builder().limit(100).orderBy("-created_at");
 * Slice<Event> first = events.listAfter(tx, newest.after(null).build());
 * Slice<Event> next = events.listAfter(tx, newest.after(first.nextCursor().orElseThrow()).build());
 * }</pre>
 *
 * @since 0.1
 */
public record Slice<T>(List<T> items, Optional<String> nextCursor, int limit) {
  public Slice {
    items = List.copyOf(items);
  }

  public <R> Slice<R> map(Function<? super T, ? extends R> f) {
    return new Slice<>(items.stream().<R>map(f).toList(), nextCursor, limit);
  }
}
