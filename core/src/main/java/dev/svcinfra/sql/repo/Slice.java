package dev.svcinfra.sql.repo;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * One slice of a keyset-paginated list: the items and, when more rows follow, the opaque cursor
 * that fetches the next slice. Keyset pages stay fast on large tables, unlike deep offsets. A slice
 * carries a total only when its request asked for one ({@link ListRequest#count()}; keyset requests
 * count nothing unless told), with the same meaning as {@link Page#total()}.
 *
 * <pre>{@code
 * ListRequest.Builder newest = ListRequest.builder().limit(100).orderBy("-created_at");
 * Slice<Event> first = events.listAfter(tx, newest.after(null).build());
 * Slice<Event> next = events.listAfter(tx, newest.after(first.nextCursor().orElseThrow()).build());
 * }</pre>
 *
 * @param total as {@link Page#total()}: -1 when {@code totalKind} is {@link CountMode#NONE}
 * @since 0.1
 */
public record Slice<T>(
    List<T> items, Optional<String> nextCursor, int limit, long total, CountMode totalKind) {
  public Slice {
    items = List.copyOf(items);
    Objects.requireNonNull(totalKind, "totalKind");
    Page.checkTotal(total, totalKind);
  }

  /** A slice without a total. */
  public Slice(List<T> items, Optional<String> nextCursor, int limit) {
    this(items, nextCursor, limit, -1, CountMode.NONE);
  }

  public <R> Slice<R> map(Function<? super T, ? extends R> f) {
    return new Slice<>(items.stream().<R>map(f).toList(), nextCursor, limit, total, totalKind);
  }
}
