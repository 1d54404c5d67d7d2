package dev.svcinfra.sql.repo;

import dev.svcinfra.sql.model.ColumnType;
import dev.svcinfra.sql.model.internal.MappedColumn;
import dev.svcinfra.sql.model.internal.TableMapping;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Configures a {@link SqlRepository}: which fields {@code search} may look in (default: every text
 * column), which fields lists may be ordered by (default: every column except JSON and binary
 * ones), and extra immutable fields beyond the model's.
 *
 * <pre>{@code
 * SqlRepository<User> users = SqlRepository.builder(User.class)
 *     .searchFields("name", "email").orderFields("name", "created_at")
 *     .immutableFields("email").build();
 * }</pre>
 *
 * @since 0.1
 */
public final class SqlRepositoryBuilder<T> {
  private final TableMapping<T> mapping;
  private List<String> search;
  private List<String> order;
  private final Set<String> immutable = new LinkedHashSet<>();

  SqlRepositoryBuilder(TableMapping<T> mapping) {
    this.mapping = mapping;
  }

  /** Text columns {@code search} may look in. */
  public SqlRepositoryBuilder<T> searchFields(String... columns) {
    this.search = List.of(columns);
    return this;
  }

  /** Columns lists may be ordered by (the id is always allowed as well). */
  public SqlRepositoryBuilder<T> orderFields(String... columns) {
    this.order = List.of(columns);
    return this;
  }

  /** Columns that updates ignore, in addition to the model's immutable ones. */
  public SqlRepositoryBuilder<T> immutableFields(String... columns) {
    immutable.addAll(List.of(columns));
    return this;
  }

  /**
   * The repository.
   *
   * @throws IllegalArgumentException naming a field the model does not have, or a search field that
   *     is not text
   */
  public SqlRepository<T> build() {
    Map<String, MappedColumn> searchable = new LinkedHashMap<>();
    if (search == null) {
      mapping.columns().stream()
          .filter(c -> c.type().isText() && c.type().kind() != ColumnType.Kind.ENUM)
          .forEach(c -> searchable.put(c.name(), c));
    } else {
      for (String name : search) {
        MappedColumn c = column(name);
        if (!c.type().isText()) {
          throw new IllegalArgumentException(
              mapping.type().getName()
                  + ": search field "
                  + name
                  + " is "
                  + c.type()
                  + "; only text columns can be searched");
        }
        searchable.put(name, c);
      }
    }
    Map<String, MappedColumn> orderable = new LinkedHashMap<>();
    orderable.put(mapping.id().name(), mapping.id());
    if (order == null) {
      mapping.columns().stream()
          .filter(
              c ->
                  c.type().kind() != ColumnType.Kind.JSON
                      && c.type().kind() != ColumnType.Kind.BINARY)
          .forEach(c -> orderable.put(c.name(), c));
    } else {
      order.forEach(name -> orderable.put(name, column(name)));
    }
    Set<String> allImmutable = new LinkedHashSet<>(mapping.immutableColumns());
    immutable.forEach(name -> allImmutable.add(column(name).name()));
    return new SqlRepository<>(mapping, searchable, orderable, Set.copyOf(allImmutable));
  }

  private MappedColumn column(String name) {
    return mapping
        .column(name)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    mapping.type().getName()
                        + " has no column '"
                        + name
                        + "'; columns: "
                        + mapping.columns().stream().map(MappedColumn::name).toList()));
  }
}
