package dev.svcinfra.sql.repo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.svcinfra.sql.Database;
import dev.svcinfra.sql.DatabaseSuite;
import dev.svcinfra.sql.FieldError;
import dev.svcinfra.sql.NotFoundException;
import dev.svcinfra.sql.TestDatabase;
import dev.svcinfra.sql.Transaction;
import dev.svcinfra.sql.ValidationException;
import dev.svcinfra.sql.model.annotation.Column;
import dev.svcinfra.sql.model.annotation.Id;
import dev.svcinfra.sql.model.annotation.SoftDelete;
import dev.svcinfra.sql.model.annotation.Table;
import dev.svcinfra.sql.model.annotation.TenantId;
import dev.svcinfra.sql.model.internal.TableMapping;
import dev.svcinfra.sql.repo.Filter.Operator;
import dev.svcinfra.sql.service.RowService;
import dev.svcinfra.sql.service.TenantSqlService;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 21: every filter operator on every column type it applies to (text, int, decimal, bool,
 * timestamp, uuid, enum), on each database, through the tenant service of tenant {@code t1}; the
 * refused combinations answer a validation error naming the parameter. Each case is checked on the
 * offset page, on its total (counted by COUNT), on the keyset slice and on {@code countFiltered}.
 * The table also holds another tenant's rows and soft-deleted rows that match almost every filter:
 * none of them may ever be listed or counted.
 */
class FieldFilterTest extends DatabaseSuite {
  enum Hue {
    RED,
    GREEN,
    BLUE
  }

  @Table(name = "filter_items")
  record Item(
      @Id Long id,
      @TenantId @Column(length = 16) String tenantId,
      @Column(nullable = false, length = 40) String name,
      @Column(length = 8) String code,
      Integer qty,
      @Column(precision = 8, scale = 2) BigDecimal price,
      Boolean available,
      Instant seenAt,
      UUID ref,
      Hue hue,
      @SoftDelete Instant deletedAt) {}

  static final SqlRepository<Item> ITEMS = SqlRepository.of(Item.class);

  static final UUID U1 = UUID.fromString("00000000-0000-4000-8000-000000000001");
  static final UUID U2 = UUID.fromString("7f000000-0000-4000-8000-000000000002");
  static final UUID U3 = UUID.fromString("ff000000-0000-4000-8000-000000000003");
  static final UUID U5 = UUID.fromString("a0000000-0000-4000-8000-000000000005");

  static final String SPECIAL = "100%_x\\!";

  /** The rows tenant t1 sees: name, code, qty, price, available, seen_at (day), ref, hue. */
  static final Object[][] LIVE = {
    {"Anna", "a", 1, "1.50", true, 1, U1, Hue.RED},
    {"anton", "b", 2, "10.00", false, 2, U2, Hue.GREEN},
    {"Bea", "c", 3, "19.99", true, 3, U3, Hue.BLUE},
    {"Ännchen", null, null, null, null, null, null, null},
    {SPECIAL, "d", 5, "5.00", false, 5, U5, Hue.RED},
  };

  static final List<String> ALL = List.of("Anna", "anton", "Bea", "Ännchen", SPECIAL);

  static Instant day(int d) {
    return Instant.parse("2026-01-0" + d + "T00:00:00Z");
  }

  Database setUp(TestDatabase kind) {
    Database db = open(kind);
    TestDatabase.create(db, TableMapping.of(Item.class).table());
    db.useTransaction(
        tx -> {
          for (Object[] r : LIVE) {
            insert(tx, "t1", r);
            // The same values in another tenant, and deleted in this one: never visible to t1.
            insert(tx, "t2", r);
            Item gone = insert(tx, "t1", r);
            ITEMS.delete(tx, gone.id());
          }
        });
    return db;
  }

  private static Item insert(Transaction tx, String tenant, Object[] r) {
    Map<String, Object> v = new HashMap<>();
    v.put("tenant_id", tenant);
    v.put("name", r[0]);
    v.put("code", r[1]);
    v.put("qty", r[2]);
    v.put("price", r[3]);
    v.put("available", r[4]);
    v.put("seen_at", r[5] == null ? null : day((Integer) r[5]));
    v.put("ref", r[6]);
    v.put("hue", r[7] == null ? null : ((Hue) r[7]).name());
    v.values().removeIf(x -> x == null);
    return ITEMS.create(tx, v);
  }

  /** One filter and the names of the rows it lists. */
  record Case(Filter filter, List<String> expected) {
    @Override
    public String toString() {
      return filter.field() + " " + filter.operator() + " " + filter.values();
    }
  }

  static Case c(String field, Operator op, List<?> values, String... names) {
    return new Case(Filter.of(field, op, values), List.of(names));
  }

  static Case c(String field, Operator op, Object value, String... names) {
    return c(field, op, List.of(value), names);
  }

  static Case none(String field, Operator op, String... names) {
    return c(field, op, List.of(), names);
  }

  static final String[] NON_NULL = {"Anna", "anton", "Bea", SPECIAL};

  static List<Case> cases() {
    String d2 = "2026-01-02T00:00:00Z";
    return List.of(
        // text: exact equality (case counts), order in a lowercase ASCII column, prefix ignoring
        // case with wildcards taken literally; accents still count
        c("name", Operator.EQ, "Anna", "Anna"),
        c("name", Operator.EQ, "anna"),
        c("name", Operator.NE, "Anna", "anton", "Bea", "Ännchen", SPECIAL),
        c("code", Operator.GT, "b", "Bea", SPECIAL),
        c("code", Operator.GTE, "b", "anton", "Bea", SPECIAL),
        c("code", Operator.LT, "b", "Anna"),
        c("code", Operator.LTE, "b", "Anna", "anton"),
        c("name", Operator.IN, List.of("Anna", "Bea", "nobody"), "Anna", "Bea"),
        none("code", Operator.IS_NULL, "Ännchen"),
        none("code", Operator.IS_NOT_NULL, NON_NULL),
        c("name", Operator.PREFIX, "AN", "Anna", "anton"),
        c("name", Operator.PREFIX, "än", "Ännchen"),
        c("name", Operator.PREFIX, "100%_", SPECIAL),
        c("name", Operator.PREFIX, "100__"),
        c("name", Operator.PREFIX, SPECIAL, SPECIAL),
        c("name", Operator.PREFIX, "1%"),
        // int
        c("qty", Operator.EQ, "2", "anton"),
        c("qty", Operator.NE, 2, "Anna", "Bea", SPECIAL),
        c("qty", Operator.GT, "2", "Bea", SPECIAL),
        c("qty", Operator.GTE, 2, "anton", "Bea", SPECIAL),
        c("qty", Operator.LT, "2", "Anna"),
        c("qty", Operator.LTE, "2", "Anna", "anton"),
        c("qty", Operator.IN, List.of("1", "3", "99"), "Anna", "Bea"),
        none("qty", Operator.IS_NULL, "Ännchen"),
        none("qty", Operator.IS_NOT_NULL, NON_NULL),
        // decimal: compared exactly at the column's scale
        c("price", Operator.EQ, "10", "anton"),
        c("price", Operator.NE, "10.00", "Anna", "Bea", SPECIAL),
        c("price", Operator.GT, "5", "anton", "Bea"),
        c("price", Operator.GTE, "5.00", "anton", "Bea", SPECIAL),
        c("price", Operator.LT, "10", "Anna", SPECIAL),
        c("price", Operator.LTE, "19.99", "Anna", "anton", "Bea", SPECIAL),
        c("price", Operator.IN, List.of("1.5", "19.99"), "Anna", "Bea"),
        none("price", Operator.IS_NULL, "Ännchen"),
        none("price", Operator.IS_NOT_NULL, NON_NULL),
        // bool
        c("available", Operator.EQ, "true", "Anna", "Bea"),
        c("available", Operator.NE, true, "anton", SPECIAL),
        c("available", Operator.IN, List.of("false"), "anton", SPECIAL),
        none("available", Operator.IS_NULL, "Ännchen"),
        none("available", Operator.IS_NOT_NULL, NON_NULL),
        // timestamp: any offset names the same instant
        c("seen_at", Operator.EQ, d2, "anton"),
        c("seen_at", Operator.EQ, "2026-01-02T01:00:00+01:00", "anton"),
        c("seen_at", Operator.NE, d2, "Anna", "Bea", SPECIAL),
        c("seen_at", Operator.GT, d2, "Bea", SPECIAL),
        c("seen_at", Operator.GTE, d2, "anton", "Bea", SPECIAL),
        c("seen_at", Operator.LT, d2, "Anna"),
        c("seen_at", Operator.LTE, d2, "Anna", "anton"),
        c("seen_at", Operator.IN, List.of(d2, "2026-01-05T00:00:00Z"), "anton", SPECIAL),
        none("seen_at", Operator.IS_NULL, "Ännchen"),
        none("seen_at", Operator.IS_NOT_NULL, NON_NULL),
        // uuid: upper-case text names the same UUID
        c("ref", Operator.EQ, U2.toString().toUpperCase(java.util.Locale.ROOT), "anton"),
        c("ref", Operator.NE, U2.toString(), "Anna", "Bea", SPECIAL),
        c("ref", Operator.IN, List.of(U1.toString(), U3), "Anna", "Bea"),
        none("ref", Operator.IS_NULL, "Ännchen"),
        none("ref", Operator.IS_NOT_NULL, NON_NULL),
        // enum
        c("hue", Operator.EQ, "GREEN", "anton"),
        c("hue", Operator.NE, "RED", "anton", "Bea"),
        c("hue", Operator.IN, List.of("RED", "BLUE"), "Anna", "Bea", SPECIAL),
        none("hue", Operator.IS_NULL, "Ännchen"),
        none("hue", Operator.IS_NOT_NULL, NON_NULL),
        // another tenant's and deleted rows stay out even when asked for by name
        c("tenant_id", Operator.EQ, "t2"),
        none("deleted_at", Operator.IS_NOT_NULL));
  }

  static RowService<Item> t1() {
    return new TenantSqlService<>(ITEMS, "t1", "tenant_id");
  }

  @ParameterizedTest
  @MethodSource("dev.svcinfra.sql.TestDatabase#all")
  void everyOperatorOnEveryTypeListsAndCountsOnlyMatchingLiveRowsOfTheTenant(TestDatabase kind) {
    Database db = setUp(kind);
    RowService<Item> items = t1();
    db.useTransaction(
        tx -> {
          for (Case c : cases()) {
            Function<ListRequest.Builder, ListRequest> req = b -> b.where(c.filter()).build();
            Page<Item> page = items.list(tx, req.apply(ListRequest.builder().limit(50)));
            assertThat(names(page.items())).as("%s %s", kind, c).isEqualTo(sorted(c.expected()));
            // A one-row page makes the total come from COUNT(*), with the same conditions.
            long total = items.list(tx, req.apply(ListRequest.builder().limit(1))).total();
            assertThat(total).as("total %s %s", kind, c).isEqualTo(c.expected().size());
            Slice<Item> slice =
                items.listAfter(tx, req.apply(ListRequest.builder().limit(50).after(null)));
            assertThat(names(slice.items()))
                .as("keyset %s %s", kind, c)
                .isEqualTo(sorted(c.expected()));
            ListRequest r = req.apply(ListRequest.builder());
            assertThat(items.countFiltered(tx, r.filters()))
                .as("countFiltered %s %s", kind, c)
                .isEqualTo(c.expected().size());
          }
        });
  }

  @ParameterizedTest
  @MethodSource("dev.svcinfra.sql.TestDatabase#all")
  void filtersCombineWithSearchOrderOffsetAndKeysetPages(TestDatabase kind) {
    Database db = setUp(kind);
    RowService<Item> items = t1();
    db.useTransaction(
        tx -> {
          Filter cheap = Filter.of("price", Operator.LT, "15");
          Filter some = Filter.of("qty", Operator.GTE, 1);
          Page<Item> page =
              items.list(
                  tx,
                  ListRequest.builder()
                      .where(cheap)
                      .where(some)
                      .search("n", "name")
                      .orderBy("-qty")
                      .limit(1)
                      .offset(1)
                      .build());
          // anton (qty 2) and Anna (qty 1) match; descending qty, the second is Anna.
          assertThat(names(page.items())).containsExactly("Anna");
          assertThat(page.total()).isEqualTo(2);
          Slice<Item> first =
              items.listAfter(
                  tx,
                  ListRequest.builder().where(some).orderBy("name").limit(2).after(null).build());
          Slice<Item> rest =
              items.listAfter(
                  tx,
                  ListRequest.builder()
                      .where(some)
                      .orderBy("name")
                      .limit(10)
                      .after(first.nextCursor().orElseThrow())
                      .build());
          List<String> both = new ArrayList<>(names(first.items()));
          both.addAll(names(rest.items()));
          assertThat(both).hasSize(4).containsExactlyInAnyOrder(NON_NULL);
        });
  }

  @ParameterizedTest
  @MethodSource("dev.svcinfra.sql.TestDatabase#all")
  void writesInAFilteredScopeTouchOnlyRowsTheFiltersMatch(TestDatabase kind) {
    Database db = setUp(kind);
    RowService<Item> items = t1();
    db.useTransaction(
        tx -> {
          Item anna =
              items.list(tx, ListRequest.builder().where("name", "Anna").build()).items().get(0);
          Scope big = Scope.all().and(Filter.of("qty", Operator.GT, 1));
          assertThatThrownBy(() -> items.update(tx, big, anna.id(), Map.of("code", "z")))
              .isInstanceOf(NotFoundException.class);
          assertThatThrownBy(() -> items.delete(tx, big, anna.id()))
              .isInstanceOf(NotFoundException.class);
          Scope small = Scope.all().and(Filter.of("qty", Operator.LTE, 1));
          assertThat(items.update(tx, small, anna.id(), Map.of("code", "z")).code()).isEqualTo("z");
        });
  }

  @ParameterizedTest
  @MethodSource("dev.svcinfra.sql.TestDatabase#all")
  void badFiltersAreReportedTogetherNamingTheirParameterAndNothingRuns(TestDatabase kind) {
    Database db = setUp(kind);
    List<Filter> bad =
        List.of(
            Filter.of("qty", Operator.EQ, "two").named("qty"),
            Filter.of("qty", Operator.GT, "99999999999").named("qty[gt]"),
            Filter.of("price", Operator.GTE, "1.005").named("price[gte]"),
            Filter.of("price", Operator.EQ, "1e400").named("price[eq]"),
            Filter.of("available", Operator.EQ, "yes").named("available"),
            Filter.of("available", Operator.GT, "true").named("available[gt]"),
            Filter.of("seen_at", Operator.LT, "yesterday").named("seen_at[lt]"),
            Filter.of("ref", Operator.EQ, "not-a-uuid").named("ref"),
            Filter.of("ref", Operator.LT, U1).named("ref[lt]"),
            Filter.of("hue", Operator.EQ, "PURPLE").named("hue"),
            Filter.of("hue", Operator.GTE, "RED").named("hue[gte]"),
            Filter.of("qty", Operator.PREFIX, "1").named("qty[prefix]"),
            Filter.of("name", Operator.PREFIX, "").named("name[prefix]"),
            Filter.of("name", Operator.EQ, "a\0b").named("name"),
            Filter.of("name", Operator.EQ, "x".repeat(41)).named("name[eq]"),
            Filter.of("name", Operator.IN, List.of()).named("name[in]"),
            Filter.of("code", Operator.IN, tooMany()).named("code[in]"),
            Filter.of("code", Operator.IS_NULL, "x").named("code[is]"),
            Filter.of("code", Operator.EQ, (Object) null).named("code[eq]"),
            Filter.of("nope", Operator.EQ, "1").named("nope"));
    ListRequest.Builder b = ListRequest.builder();
    bad.forEach(b::where);
    ListRequest request = b.build();
    db.useTransaction(
        tx ->
            assertThatThrownBy(() -> t1().list(tx, request))
                .isInstanceOfSatisfying(
                    ValidationException.class,
                    e ->
                        assertThat(e.errors().stream().map(FieldError::field))
                            .containsExactlyElementsOf(
                                bad.stream().map(Filter::parameter).toList())));
  }

  private static List<Object> tooMany() {
    Object[] values = new Object[Filter.MAX_IN_VALUES + 1];
    Arrays.fill(values, "a");
    return Arrays.asList(values);
  }

  private static List<String> names(List<Item> items) {
    return sorted(items.stream().map(Item::name).toList());
  }

  private static List<String> sorted(List<String> names) {
    return names.stream().sorted().toList();
  }
}
