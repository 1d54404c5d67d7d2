package dev.svcinfra.migrate.internal.script;

import dev.svcinfra.ErrorCode;
import dev.svcinfra.migrate.MigrationException;
import dev.svcinfra.migrate.script.MigrationStep;
import dev.svcinfra.sql.dialect.Dialect;
import dev.svcinfra.sql.dialect.Dialects;
import dev.svcinfra.sql.dialect.internal.SqlSyntax;
import dev.svcinfra.sql.dialect.internal.StatementSplitter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The body of a revision file: its {@code -- +upgrade} and {@code -- +downgrade} sections, each for
 * every dialect or for the dialects it names.
 *
 * <p>For a dialect, the sections naming it win; without one, the unnamed sections apply. A revision
 * whose sections all name other dialects fails loudly instead of running nothing.
 *
 * <pre>{@code
 * List<String> sql = script.statements(Direction.UPGRADE, "postgresql");
 * }</pre>
 *
 * @since 0.1
 */
public record SqlScript(List<Section> sections, boolean transactional, String origin)
    implements RevisionBody {

  public SqlScript {
    sections = List.copyOf(sections);
  }

  /** One {@code -- +upgrade [dialects]} or {@code -- +downgrade [dialects]} section. */
  public record Section(Direction direction, Set<String> dialects, String text) {
    public Section {
      dialects = Set.copyOf(dialects);
    }

    boolean appliesTo(String dialect) {
      return dialects.contains(dialect);
    }
  }

  /** The statements of {@code direction} for {@code dialect}, comments kept with each. */
  public List<String> statements(Direction direction, String dialect) {
    List<Section> named = new ArrayList<>();
    List<Section> unnamed = new ArrayList<>();
    boolean any = false;
    for (Section s : sections) {
      if (s.direction() != direction) {
        continue;
      }
      any = true;
      if (s.appliesTo(dialect)) {
        named.add(s);
      } else if (s.dialects().isEmpty()) {
        unnamed.add(s);
      }
    }
    List<Section> chosen = named.isEmpty() ? unnamed : named;
    if (any && chosen.isEmpty()) {
      throw new MigrationException(
          ErrorCode.REVISION_FILE_INVALID,
          origin
              + " has no -- +"
              + direction.label()
              + " section for "
              + dialect
              + " and no section for every dialect");
    }
    SqlSyntax syntax = syntax(dialect);
    List<String> out = new ArrayList<>();
    for (Section s : chosen) {
      out.addAll(StatementSplitter.split(s.text(), syntax));
    }
    return out;
  }

  /** How {@code dialect} cuts its SQL into statements; standard SQL for a name no dialect has. */
  static SqlSyntax syntax(String dialect) {
    return Dialects.all().stream()
        .filter(d -> d.name().equals(dialect))
        .findFirst()
        .map(Dialect::sqlSyntax)
        .orElse(SqlSyntax.STANDARD);
  }

  @Override
  public void upgrade(MigrationStep step) {
    statements(Direction.UPGRADE, step.dialect()).forEach(step::execute);
  }

  @Override
  public void downgrade(MigrationStep step) {
    statements(Direction.DOWNGRADE, step.dialect()).forEach(step::execute);
  }
}
