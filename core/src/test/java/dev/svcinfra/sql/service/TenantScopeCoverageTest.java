package dev.svcinfra.sql.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.svcinfra.sql.Database;
import dev.svcinfra.sql.DatabaseSuite;
import dev.svcinfra.sql.NotFoundException;
import dev.svcinfra.sql.TestDatabase;
import dev.svcinfra.sql.Transaction;
import dev.svcinfra.sql.model.annotation.Column;
import dev.svcinfra.sql.model.annotation.Id;
import dev.svcinfra.sql.model.annotation.SoftDelete;
import dev.svcinfra.sql.model.annotation.Table;
import dev.svcinfra.sql.model.internal.TableMapping;
import dev.svcinfra.sql.repo.ListRequest;
import dev.svcinfra.sql.repo.Page;
import dev.svcinfra.sql.repo.Scope;
import dev.svcinfra.sql.repo.Slice;
import dev.svcinfra.sql.repo.SqlRepository;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 17: every public operation of {@link RowService}, found by reflection, is called on a
 * {@link TenantSqlService} aimed at another tenant's row (its id, a scope and a list request that
 * match only that row, its tag). None may read, list, count, update, delete or restore it (for a
 * restore the row is deleted first). A method added to the service type is called here without
 * being named, so it fails this test until it is scoped; a parameter or result type this test does
 * not know fails it too, asking to be taught.
 */
class TenantScopeCoverageTest extends DatabaseSuite {
  @Table(name = "scoped_notes")
  public record Note(
      @Id Long id,
      @Column(nullable = false, length = 64) String tenantId,
      @Column(nullable = false, length = 200) String title,
      @SoftDelete java.time.Instant deletedAt) {}

  static final SqlRepository<Note> NOTES =
      SqlRepository.builder(Note.class).searchFields("title").build();
  static final String MINE = "acme";
  static final String THEIRS = "globex";

  /** Thrown to roll back each probe, so one probe's write never hides another's. */
  private static final class Undo extends RuntimeException {
    private static final long serialVersionUID = 1L;
  }

  @ParameterizedTest
  @MethodSource("dev.svcinfra.sql.TestDatabase#all")
  void noOperationReachesAnotherTenantsRow(TestDatabase kind) {
    Database db = open(kind);
    Note theirs = seed(db);
    RowService<Note> acme = new TenantSqlService<>(NOTES, MINE, "tenant_id");
    Map<String, String> leaks = leaks(db, acme, theirs);
    assertThat(leaks)
        .as("operations that reach %s's row through %s's service", THEIRS, MINE)
        .isEmpty();
  }

  /** The probe itself can fail: an unscoped service is caught on every read and write. */
  @ParameterizedTest
  @MethodSource("dev.svcinfra.sql.TestDatabase#all")
  void anUnscopedServiceIsCaught(TestDatabase kind) {
    Database db = open(kind);
    Note theirs = seed(db);
    Map<String, String> leaks = leaks(db, new SqlService<>(NOTES), theirs);
    Set<String> expected =
        operations().stream()
            .filter(m -> !m.getName().equals("create"))
            .map(TenantScopeCoverageTest::signature)
            .collect(Collectors.toSet());
    assertThat(leaks.keySet()).containsAll(expected);
  }

  /** A public method added to the tenant service itself, outside the service type, fails too. */
  @Test
  void theTenantServiceOffersOnlyTheServiceTypesOperations() {
    Set<String> allowed =
        operations().stream().map(TenantScopeCoverageTest::signature).collect(Collectors.toSet());
    List<String> extra =
        Arrays.stream(TenantSqlService.class.getMethods())
            .filter(m -> m.getDeclaringClass() != Object.class && !m.isSynthetic())
            .filter(m -> !m.getName().equals("tenantId") || m.getParameterCount() != 0)
            .map(TenantScopeCoverageTest::signature)
            .filter(s -> !allowed.contains(s))
            .toList();
    assertThat(extra)
        .as(
            "public methods of TenantSqlService that RowService does not declare "
                + "(and so this test does not probe)")
        .isEmpty();
    assertThat(Modifier.isFinal(TenantSqlService.class.getModifiers()))
        .as("a subclass could add an unscoped method")
        .isTrue();
    assertThat(operations()).hasSizeGreaterThanOrEqualTo(14);
  }

  private static List<Method> operations() {
    return Arrays.stream(RowService.class.getMethods())
        .filter(m -> !m.isSynthetic())
        .sorted((a, b) -> signature(a).compareTo(signature(b)))
        .toList();
  }

  /** One of MINE's rows and one of THEIRS' with the title "theirs"; answers the latter. */
  private static Note seed(Database db) {
    TestDatabase.create(db, TableMapping.of(Note.class).table());
    return db.inTransaction(
        tx -> {
          NOTES.create(tx, Map.of("tenant_id", MINE, "title", "mine"));
          return NOTES.create(tx, Map.of("tenant_id", THEIRS, "title", "theirs"));
        });
  }

  /** Operation signature to what it did to THEIRS' row; empty when no operation reached it. */
  private static Map<String, String> leaks(Database db, RowService<Note> service, Note theirs) {
    Map<String, String> leaks = new TreeMap<>();
    String theirTag = NOTES.tag(theirs);
    for (Method m : operations()) {
      Scope scope =
          m.getParameterTypes().length > 1 && m.getParameterTypes()[1] == Scope.class
              ? Scope.where("title", "theirs")
              : Scope.all();
      Object[] args = arguments(m, theirs, theirTag);
      try {
        db.useTransaction(
            tx -> {
              args[0] = tx;
              if (m.getName().equals("restore")) {
                // A restore aims at a deleted row: theirs, deleted past the service.
                NOTES.delete(tx, theirs.id());
              }
              String leak;
              try {
                leak = judge(tx, m.invoke(service, args), scope);
              } catch (InvocationTargetException e) {
                // Not found is the right answer for another tenant's row; anything else is a leak
                // only if it was not a refusal before any write (checked below all the same).
                leak = e.getCause() instanceof NotFoundException ? null : "threw " + e.getCause();
              } catch (IllegalAccessException e) {
                throw new AssertionError(e);
              }
              String changed =
                  leak != null && leak.startsWith("threw")
                      ? null
                      : m.getName().equals("restore")
                          ? NOTES.get(tx, theirs.id()).map(n -> "restored it").orElse(null)
                          : changed(tx, theirs, theirTag);
              if (leak != null || changed != null) {
                leaks.put(signature(m), leak != null ? leak : changed);
              }
              throw new Undo();
            });
      } catch (Undo expected) {
        // rolled back
      }
    }
    return leaks;
  }

  /** The arguments aimed at THEIRS' row; the transaction is filled in when the call runs. */
  private static Object[] arguments(Method m, Note theirs, String theirTag) {
    Class<?>[] types = m.getParameterTypes();
    Object[] args = new Object[types.length];
    for (int i = 0; i < types.length; i++) {
      Class<?> t = types[i];
      if (t == Transaction.class) {
        args[i] = null;
      } else if (t == Scope.class) {
        args[i] = Scope.where("title", "theirs");
      } else if (t == Object.class) {
        args[i] = theirs.id();
      } else if (t == Map.class) {
        args[i] = Map.of("title", "taken");
      } else if (t == Collection.class) {
        args[i] = List.of(theirTag);
      } else if (t == ListRequest.class) {
        ListRequest.Builder b = ListRequest.builder().where("title", "theirs").limit(10);
        args[i] =
            m.getName().equals("listAfter") ? b.after(null).build() : b.search("theirs").build();
      } else {
        throw new AssertionError(
            signature(m)
                + " takes a "
                + t.getName()
                + ": teach this test "
                + "an argument that aims it at another tenant's row, and scope the method");
      }
    }
    return args;
  }

  /** What a result shows of THEIRS' rows: null when nothing, else a description. */
  private static String judge(Transaction tx, Object result, Scope scope) {
    Scope own = Scope.of(scope.conditions()).and("tenant_id", MINE);
    if (result == null) {
      return null;
    }
    if (result instanceof Optional<?> o) {
      return o.isPresent() ? judge(tx, o.get(), scope) : null;
    }
    if (result instanceof Page<?> p) {
      return others(p.items());
    }
    if (result instanceof Slice<?> s) {
      return others(s.items());
    }
    if (result instanceof Note n) {
      return n.tenantId().equals(MINE) ? null : "answered " + n;
    }
    if (result instanceof Long n) {
      long expected = NOTES.countFiltered(tx, own);
      return n == expected ? null : "counted " + n + ", the tenant has " + expected;
    }
    if (result instanceof Boolean b) {
      boolean exists = NOTES.exists(tx, own);
      return b == exists ? null : "answered " + b + ", the tenant's answer is " + exists;
    }
    throw new AssertionError(
        "a result of type "
            + result.getClass().getName()
            + ": teach this "
            + "test what of another tenant it could show");
  }

  private static String others(List<?> items) {
    List<?> foreign = items.stream().filter(i -> !((Note) i).tenantId().equals(MINE)).toList();
    return foreign.isEmpty() ? null : "listed " + foreign;
  }

  /** How THEIRS' row changed, read past the service; null when it did not. */
  private static String changed(Transaction tx, Note theirs, String tag) {
    Optional<Note> now = NOTES.get(tx, theirs.id());
    if (now.isEmpty()) {
      return "deleted it";
    }
    return NOTES.tag(now.get()).equals(tag) ? null : "changed it to " + now.get();
  }

  private static String signature(Method m) {
    return m.getName()
        + Arrays.stream(m.getParameterTypes())
            .map(Class::getSimpleName)
            .collect(Collectors.joining(", ", "(", ")"));
  }
}
