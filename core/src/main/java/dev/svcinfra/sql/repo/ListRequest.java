package dev.svcinfra.sql.repo;

import dev.svcinfra.sql.FieldError;
import dev.svcinfra.sql.ValidationException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * What one list asks for: a page size, where the page starts (an offset, or a keyset cursor), the
 * order, an optional search text with the fields it looks in, and filters (equality and typed
 * {@link Filter}s). The value is checked once, when it is built, and never changes; repositories,
 * services and the web layer pass it on as it is.
 *
 * <pre>{@code
 * ListRequest page3 = ListRequest.builder().limit(20).offset(40).orderBy("-created_at").build();
 * Page<User> users = service.list(tx, page3);
 * Slice<Event> first = events.listAfter(tx, ListRequest.builder().limit(100).after(null).build());
 * }</pre>
 *
 * <p>Which fields may be ordered by or searched is the repository's rule, checked when the list
 * runs; everything else about the request is checked here, with every problem reported together as
 * a {@link ValidationException} naming the parameter ({@code limit}, {@code offset}, {@code
 * cursor}).
 *
 * @since 0.1
 */
public final class ListRequest {
  /** The page size when none is given. */
  public static final int DEFAULT_LIMIT = 50;

  /**
   * The largest page one list may ask for, through HTTP or in code alike (issue 17: there used to
   * be two maxima, 1000 on the web and 10,000 in the repository).
   */
  public static final int MAX_LIMIT = 1000;

  private final int limit;
  private final long offset;
  private final boolean keyset;
  private final String cursor;
  private final List<String> orderBy;
  private final String q;
  private final List<String> fields;
  private final Scope filters;
  private final CountMode count;

  private ListRequest(Builder b, Scope filters) {
    this.limit = b.limit;
    this.offset = b.offset;
    this.keyset = b.keyset;
    this.cursor = b.cursor;
    this.orderBy = b.orderBy.isEmpty() ? b.defaultOrder : b.orderBy;
    this.q = b.q == null || b.q.isBlank() ? null : b.q;
    this.fields = b.fields;
    this.filters = filters;
    // Unset: offset pages count exactly, as they always did; keyset slices, the way to page deep,
    // count nothing unless asked.
    this.count = b.count != null ? b.count : b.keyset ? CountMode.NONE : CountMode.EXACT;
  }

  /** A request for the first page of {@link #DEFAULT_LIMIT} rows in the repository's order. */
  public static ListRequest firstPage() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The page size, 1 to {@link #MAX_LIMIT}. */
  public int limit() {
    return limit;
  }

  /** The number of rows skipped before the page; always 0 for a keyset request. */
  public long offset() {
    return offset;
  }

  /** Whether this is a keyset request ({@link Builder#after}), read with {@code listAfter}. */
  public boolean keyset() {
    return keyset;
  }

  /** The cursor of a keyset request; null for the first slice (and for offset requests). */
  public String cursor() {
    return cursor;
  }

  /** Order items ({@code name}, {@code -created_at}); the default order when none were given. */
  public List<String> orderBy() {
    return orderBy;
  }

  /** The search text, or null when the request does not search (none or blank given). */
  public String q() {
    return q;
  }

  /** The fields {@link #q()} looks in; empty means every search field of the repository. */
  public List<String> fields() {
    return fields;
  }

  /** Conditions every listed row satisfies, and the count counts by. */
  public Scope filters() {
    return filters;
  }

  /**
   * How the list counts its total: as {@link Builder#count} set it, else {@link CountMode#EXACT}
   * for an offset request and {@link CountMode#NONE} for a keyset request.
   *
   * @since 0.4
   */
  public CountMode count() {
    return count;
  }

  /**
   * The same request with other filters. The tenant service adds its tenant this way; filters take
   * no part in the checks of {@link Builder#build()}, so the copy is as valid as this one.
   */
  public ListRequest withFilters(Scope scope) {
    Builder b = new Builder();
    b.limit = limit;
    b.offset = offset;
    b.keyset = keyset;
    b.cursor = cursor;
    b.orderBy = orderBy;
    b.q = q;
    b.fields = fields;
    b.count = count;
    return new ListRequest(b, Objects.requireNonNull(scope, "scope"));
  }

  @Override
  public String toString() {
    return "ListRequest[limit="
        + limit
        + (keyset ? ", keyset" : ", offset=" + offset)
        + ", orderBy="
        + orderBy
        + (q == null ? "" : ", q, fields=" + fields)
        + ", filters="
        + filters
        + ", count="
        + count
        + "]";
  }

  /**
   * Builds a {@link ListRequest}. Every setting is optional: the default is the first page of
   * {@link #DEFAULT_LIMIT} rows, unfiltered, in the repository's order.
   *
   * @since 0.1
   */
  public static final class Builder {
    private int limit = DEFAULT_LIMIT;
    private long offset;
    private boolean offsetGiven;
    private boolean keyset;
    private String cursor;
    private List<String> orderBy = List.of();
    private List<String> defaultOrder = List.of();
    private String q;
    private List<String> fields = List.of();
    private Scope filters = Scope.all();
    private CountMode count;

    private Builder() {}

    /**
     * How the list counts its total (issue 23); see {@link ListRequest#count()} for the default.
     *
     * @since 0.4
     */
    public Builder count(CountMode mode) {
      this.count = Objects.requireNonNull(mode, "mode");
      return this;
    }

    /** The page size, 1 to {@link ListRequest#MAX_LIMIT}. */
    public Builder limit(int value) {
      this.limit = value;
      return this;
    }

    /** Rows to skip, 0 or more; not combinable with {@link #after}. */
    public Builder offset(long value) {
      this.offset = value;
      this.offsetGiven = true;
      return this;
    }

    /**
     * Makes this a keyset request: the rows after {@code cursor}, the {@code nextCursor} of the
     * previous slice; null or empty for the first slice. Takes at most one order field and no
     * offset or search text.
     */
    public Builder after(String cursor) {
      this.keyset = true;
      this.cursor = cursor == null || cursor.isEmpty() ? null : cursor;
      return this;
    }

    /** Order items, {@code -} for descending: {@code orderBy("-created_at", "name")}. */
    public Builder orderBy(String... items) {
      return orderBy(Arrays.asList(items));
    }

    public Builder orderBy(List<String> items) {
      this.orderBy = copy(items, "orderBy");
      return this;
    }

    /**
     * The order used when {@link #orderBy} names none. Unlike {@code orderBy} it may name several
     * fields in a keyset request, whose SQL list then orders by the first.
     */
    public Builder defaultOrder(List<String> items) {
      this.defaultOrder = copy(items, "defaultOrder");
      return this;
    }

    /**
     * Rows whose {@code fields} (none: every search field) contain {@code q}, ignoring case; a null
     * or blank {@code q} searches nothing.
     */
    public Builder search(String q, String... fields) {
      return search(q, Arrays.asList(fields));
    }

    public Builder search(String q, List<String> fields) {
      this.q = q;
      this.fields = copy(fields, "fields");
      return this;
    }

    /** Adds an equality filter on a column. */
    public Builder where(String column, Object value) {
      this.filters = filters.and(column, value);
      return this;
    }

    /**
     * Adds a typed condition; several on one field all apply.
     *
     * @since 0.2
     */
    public Builder where(Filter filter) {
      this.filters = filters.and(filter);
      return this;
    }

    /** Replaces the filters. */
    public Builder filters(Scope scope) {
      this.filters = Objects.requireNonNull(scope, "scope");
      return this;
    }

    /**
     * The request.
     *
     * @throws ValidationException naming each parameter that is out of range or that cannot be
     *     combined with the others
     */
    public ListRequest build() {
      List<FieldError> errors = new ArrayList<>();
      if (limit < 1 || limit > MAX_LIMIT) {
        errors.add(new FieldError("limit", FieldError.INVALID_VALUE, "must be 1.." + MAX_LIMIT));
      }
      if (offset < 0) {
        errors.add(new FieldError("offset", FieldError.INVALID_VALUE, "must be 0 or more"));
      }
      if (keyset && (offsetGiven || (q != null && !q.isBlank()) || orderBy.size() > 1)) {
        errors.add(
            new FieldError(
                "cursor",
                FieldError.NOT_ALLOWED,
                "keyset paging takes limit "
                    + "and at most one order_by field; it cannot be combined with offset or q"));
      }
      if (!errors.isEmpty()) {
        throw new ValidationException(errors);
      }
      return new ListRequest(this, filters);
    }

    private static List<String> copy(List<String> items, String what) {
      Objects.requireNonNull(items, what);
      // Null items stay (List.copyOf refuses them): the repository names them as fields it
      // cannot order by or search, like any other unknown field.
      return Collections.unmodifiableList(new ArrayList<>(items));
    }
  }
}
