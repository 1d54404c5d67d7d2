package dev.svcinfra.sql.repo;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * One page of an offset-paginated list: the items, the total number of matching rows and which kind
 * of total it is ({@link ListRequest#count()}), and the limit and offset that produced it.
 *
 * <pre>{@code
 * Page<User> page = users.list(tx,
 *     ListRequest.builder().limit(20).offset(40).orderBy("-created_at").build());
 * page.items(); page.total(); page.totalKind();
 * }</pre>
 *
 * @param total the exact count ({@link CountMode#EXACT}), the planner's estimate ({@link
 *     CountMode#PLANNED}), or -1 when the list did not count ({@link CountMode#NONE})
 * @param totalKind which kind of number {@code total} is
 * @since 0.1
 */
public record Page<T>(List<T> items, long total, int limit, long offset, CountMode totalKind) {
  public Page {
    items = List.copyOf(items);
    Objects.requireNonNull(totalKind, "totalKind");
    checkTotal(total, totalKind);
  }

  /** A page with an exact total. */
  public Page(List<T> items, long total, int limit, long offset) {
    this(items, total, limit, offset, CountMode.EXACT);
  }

  /** The same page with each item mapped. */
  public <R> Page<R> map(Function<? super T, ? extends R> f) {
    return new Page<>(items.stream().<R>map(f).toList(), total, limit, offset, totalKind);
  }

  /** A total of -1 goes with {@link CountMode#NONE} and only with it. */
  static void checkTotal(long total, CountMode kind) {
    if (kind == CountMode.NONE ? total != -1 : total < 0) {
      throw new IllegalArgumentException(
          "total " + total + " does not fit kind " + kind + " (-1 exactly when NONE)");
    }
  }
}
