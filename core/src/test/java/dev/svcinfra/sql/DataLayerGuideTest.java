package dev.svcinfra.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.svcinfra.sql.model.annotation.Column;
import dev.svcinfra.sql.model.annotation.CreatedAt;
import dev.svcinfra.sql.model.annotation.Id;
import dev.svcinfra.sql.model.annotation.Index;
import dev.svcinfra.sql.model.annotation.SoftDelete;
import dev.svcinfra.sql.model.annotation.Table;
import dev.svcinfra.sql.model.annotation.TenantId;
import dev.svcinfra.sql.model.annotation.UpdatedAt;
import dev.svcinfra.sql.model.internal.TableMapping;
import dev.svcinfra.sql.repo.Filter;
import dev.svcinfra.sql.repo.ListRequest;
import dev.svcinfra.sql.repo.Page;
import dev.svcinfra.sql.repo.Scope;
import dev.svcinfra.sql.repo.Slice;
import dev.svcinfra.sql.repo.SqlRepository;
import dev.svcinfra.sql.service.DedupeSqlService;
import dev.svcinfra.sql.service.RowService;
import dev.svcinfra.sql.service.SqlService;
import dev.svcinfra.sql.service.TenantSqlService;
import dev.svcinfra.sql.testmodels.Account;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The examples of docs/data-layer.md, compiled and run, so the guide cannot drift. */
class DataLayerGuideTest extends DatabaseSuite {

  @Table(name = "users")
  @Index(columns = {"tenant_id", "email"})
  public record User(
      @Id Long id,
      @TenantId @Column(nullable = false, length = 64) String tenantId,
      @Column(nullable = false, length = 320) String email,
      @Column(length = 100) String name,
      String passwordHash,
      @CreatedAt Instant createdAt,
      @UpdatedAt Instant updatedAt,
      @SoftDelete Instant deletedAt) {}

  static class UserService extends SqlService<User> {
    UserService(SqlRepository<User> repo) {
      super(repo);
    }

    @Override
    protected Map<String, Object> preCreate(Transaction tx, Map<String, Object> values) {
      Object password = values.remove("password");
      if (password != null) {
        values.put("password_hash", hash(password.toString()));
      }
      return values;
    }

    static String hash(String password) {
      return Integer.toHexString(password.hashCode());
    }
  }

  static void transfer(
      Database db, SqlRepository<Account> accounts, long from, long to, BigDecimal amount) {
    db.useTransaction(
        tx -> {
          Account source =
              accounts.get(tx, from).orElseThrow(() -> new NotFoundException("accounts", from));
          Account target =
              accounts.get(tx, to).orElseThrow(() -> new NotFoundException("accounts", to));
          accounts.update(tx, from, Map.of("balance", source.balance().subtract(amount)));
          accounts.update(tx, to, Map.of("balance", target.balance().add(amount)));
        });
  }

  @Test
  void theGuideWorksAsWritten() {
    Database db = open(TestDatabase.SQLITE);
    TestDatabase.create(
        db, TableMapping.of(User.class).table(), TableMapping.of(Account.class).table());
    SqlRepository<User> users =
        SqlRepository.builder(User.class)
            .searchFields("email", "name")
            .orderFields("email", "created_at")
            .build();

    db.useTransaction(
        tx -> {
          User ann = users.create(tx, Map.of("tenant_id", "acme", "email", "ann@example.com"));
          Optional<User> same = users.get(tx, ann.id());
          User renamed = users.update(tx, ann.id(), Map.of("name", "Ann"));
          Page<User> page =
              users.list(tx, ListRequest.builder().limit(20).orderBy("-created_at").build());
          Page<User> found =
              users.list(
                  tx,
                  ListRequest.builder().search("ANN", "email").limit(20).orderBy("email").build());
          long live = users.count(tx);
          long acme = users.countFiltered(tx, Scope.where("tenant_id", "acme"));
          boolean any = users.exists(tx, Scope.where("email", "ann@example.com"));
          Slice<User> first =
              users.listAfter(
                  tx, ListRequest.builder().limit(100).orderBy("-created_at").after(null).build());
          users.delete(tx, ann.id());

          assertThat(same).contains(ann);
          assertThat(renamed.name()).isEqualTo("Ann");
          assertThat(page.total()).isEqualTo(1);
          assertThat(found.items()).extracting(User::email).containsExactly("ann@example.com");
          assertThat(live).isEqualTo(1);
          assertThat(acme).isEqualTo(1);
          assertThat(any).isTrue();
          assertThat(first.items()).hasSize(1);
          assertThat(first.nextCursor()).isEmpty();
          assertThat(users.count(tx)).isZero();
        });

    long n = db.inTransaction(tx -> users.count(tx));
    assertThat(n).isZero();

    RowService<User> perTenant =
        new TenantSqlService<>(new UserService(users), "acme", "tenant_id");
    User bob =
        db.inTransaction(
            tx -> perTenant.create(tx, Map.of("email", "bob@example.com", "password", "s3cret")));
    assertThat(bob.tenantId()).isEqualTo("acme");
    assertThat(bob.passwordHash()).isEqualTo(UserService.hash("s3cret"));

    SqlService<User> unique = new DedupeSqlService<>(users, List.of("email"));
    assertThatThrownBy(
            () ->
                db.useTransaction(
                    tx ->
                        unique.create(tx, Map.of("tenant_id", "acme", "email", "BOB@example.com"))))
        .isInstanceOf(ConflictException.class);

    SqlRepository<Account> accounts = SqlRepository.of(Account.class);
    db.useTransaction(
        tx -> {
          accounts.create(tx, Map.of("owner", "ann", "balance", "10.00"));
          accounts.create(tx, Map.of("owner", "bob", "balance", "0.00"));
        });
    transfer(db, accounts, 1, 2, new BigDecimal("4.00"));
    assertThatThrownBy(() -> transfer(db, accounts, 1, 2, new BigDecimal("7.00")))
        .isInstanceOf(ValidationException.class);
    List<BigDecimal> balances =
        db.inTransaction(
            tx ->
                accounts
                    .list(tx, ListRequest.builder().limit(10).orderBy("id").build())
                    .items()
                    .stream()
                    .map(Account::balance)
                    .toList());
    assertThat(balances)
        .usingElementComparator(BigDecimal::compareTo)
        .containsExactly(new BigDecimal("6.00"), new BigDecimal("4.00"));
  }

  /** "List requests": the typed filters example, and a bad value named by its parameter. */
  @Test
  void theFilterExampleWorksAsWritten() {
    Database db = open(TestDatabase.SQLITE);
    TestDatabase.create(db, TableMapping.of(User.class).table());
    SqlRepository<User> users = SqlRepository.of(User.class);
    db.useTransaction(
        tx -> {
          for (String[] u :
              new String[][] {
                {"ann@example.com", "Ann"},
                {"anna@example.com", "Bea"},
                {"bob@example.com", "Anton"}
              }) {
            users.create(tx, Map.of("tenant_id", "acme", "email", u[0], "name", u[1]));
          }
          ListRequest recentAnns =
              ListRequest.builder()
                  .where(Filter.of("created_at", Filter.Operator.GTE, "2020-01-01T00:00:00Z"))
                  .where(
                      Filter.of("email", Filter.Operator.IN, "ann@example.com", "anna@example.com"))
                  .where(Filter.of("name", Filter.Operator.PREFIX, "an").named("name[prefix]"))
                  .limit(20)
                  .build();
          Page<User> page = users.list(tx, recentAnns);
          assertThat(page.items()).extracting(User::email).containsExactly("ann@example.com");
          ListRequest bad =
              ListRequest.builder()
                  .where(Filter.of("created_at", Filter.Operator.GTE, "soon").named("since"))
                  .build();
          assertThatThrownBy(() -> users.list(tx, bad))
              .isInstanceOfSatisfying(
                  ValidationException.class,
                  e ->
                      assertThat(e.errors())
                          .extracting(FieldError::field)
                          .containsExactly("since"));
        });
  }

  @Table(name = "users")
  @Index(columns = "email", trigram = true) // ix_users_email_trgm
  @Index(columns = "name", trigram = true) // ix_users_name_trgm
  public record SearchedUser(
      @Id Long id,
      @Column(nullable = false, length = 320) String email,
      @Column(length = 100) String name) {}

  /** "Trigram indexes (search)": the names and the per-database DDL the guide shows. */
  @Test
  void theTrigramIndexExampleRendersAsTheGuideSays() {
    dev.svcinfra.sql.model.internal.Table users = TableMapping.of(SearchedUser.class).table();
    assertThat(users.indexes())
        .extracting(dev.svcinfra.sql.model.internal.Index::name)
        .containsExactly("ix_users_email_trgm", "ix_users_name_trgm");
    assertThat(
            dev.svcinfra.sql.dialect.Dialects.POSTGRESQL.createIndexStatement(
                users, users.indexes().get(1)))
        .isEqualTo(
            "CREATE INDEX \"ix_users_name_trgm\" ON \"users\" USING gin (\"name\" gin_trgm_ops)");
    for (var d :
        List.of(
            dev.svcinfra.sql.dialect.Dialects.SQLITE,
            dev.svcinfra.sql.dialect.Dialects.MARIADB,
            dev.svcinfra.sql.dialect.Dialects.MSSQL)) {
      assertThat(d.createTableStatements(users))
          .as(d.name())
          .singleElement()
          .asString()
          .startsWith("CREATE TABLE");
    }
  }
}
