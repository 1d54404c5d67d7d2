package dev.svcinfra.migrate.internal.autogen;

import dev.svcinfra.migrate.internal.ops.MigrationOp;
import dev.svcinfra.sql.dialect.Dialect;
import dev.svcinfra.sql.model.internal.Column;
import dev.svcinfra.sql.model.internal.Table;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares one table's columns: added, removed, renamed (a model column naming its previous name),
 * and changed type (asked of the dialect), nullability or default. Primary-key columns are never
 * reported as nullability changes (the key implies NOT NULL; SQLite reports its rowid alias as
 * nullable), and defaults of generated columns are the database's business. Defaults are compared
 * after the common normalization ({@link DefaultValues}), then by the dialect ({@code
 * Dialect.sameDefault}) for spellings only its database produces.
 */
final class ColumnComparator {
  private final Dialect dialect;

  ColumnComparator(Dialect dialect) {
    this.dialect = dialect;
  }

  List<MigrationOp> compare(Table model, Table live) {
    return compare(model, live, Set.of());
  }

  /**
   * As {@link #compare(Table, Table)}, also restating the columns named in {@code recollate} (any
   * case), whose collation the dialect does not give them: an alter to the model's own definition.
   */
  List<MigrationOp> compare(Table model, Table live, Set<String> recollate) {
    Set<String> restate = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    restate.addAll(recollate);
    List<MigrationOp> ops = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    for (Column wanted : model.columns()) {
      Optional<Column> current = find(live, wanted.name());
      if (current.isEmpty()) {
        for (String previous : wanted.previousNames()) {
          Optional<Column> old = find(live, previous);
          if (old.isPresent() && find(model, previous).isEmpty()) {
            ops.add(new MigrationOp.RenameColumn(model, old.get().name(), wanted.name()));
            current = old.map(c -> renamed(c, wanted.name()));
            seen.add(lower(previous));
            break;
          }
        }
      }
      if (current.isEmpty()) {
        ops.add(new MigrationOp.AddColumn(model, wanted));
        continue;
      }
      seen.add(lower(wanted.name()));
      boolean inKey = live.primaryKey().stream().anyMatch(k -> k.equalsIgnoreCase(wanted.name()));
      Column have = current.get();
      boolean typeDiffers = !dialect.sameColumnType(wanted.type(), have.type());
      boolean nullDiffers = !inKey && wanted.nullable() != have.nullable();
      boolean defaultDiffers = !wanted.identity() && !have.identity() && !sameDefault(wanted, have);
      if (typeDiffers || nullDiffers || defaultDiffers || restate.contains(have.name())) {
        Column from =
            new Column(
                wanted.name(),
                typeDiffers ? have.type() : wanted.type(),
                nullDiffers ? have.nullable() : wanted.nullable(),
                defaultDiffers ? have.defaultSql() : wanted.defaultSql(),
                wanted.identity(),
                wanted.comment(),
                List.of());
        ops.add(new MigrationOp.AlterColumn(model, from, wanted));
      }
    }
    for (Column c : live.columns()) {
      if (!seen.contains(lower(c.name()))) {
        ops.add(new MigrationOp.DropColumn(model, c));
      }
    }
    return ops;
  }

  /** The common normalization first, then the dialect for what its database rewrites. */
  private boolean sameDefault(Column wanted, Column have) {
    if (DefaultValues.same(wanted.defaultSql(), have.defaultSql())) {
      return true;
    }
    return wanted.defaultSql().isPresent()
        && have.defaultSql().isPresent()
        && dialect.sameDefault(wanted.type(), wanted.defaultSql().get(), have.defaultSql().get());
  }

  private static Column renamed(Column c, String name) {
    return new Column(
        name, c.type(), c.nullable(), c.defaultSql(), c.identity(), c.comment(), c.previousNames());
  }

  private static Optional<Column> find(Table t, String name) {
    return t.columns().stream().filter(c -> c.name().equalsIgnoreCase(name)).findFirst();
  }

  private static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
