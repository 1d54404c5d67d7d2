package dev.svcinfra.migrate.internal.script;

import dev.svcinfra.ErrorCode;
import dev.svcinfra.migrate.MigrationException;
import dev.svcinfra.migrate.MultipleHeadsException;
import java.util.regex.Pattern;

/**
 * Where an upgrade or downgrade goes: {@code head} (the single head), {@code heads} (every head),
 * {@code base} (nothing applied), a relative step count ({@code +2}, {@code -1}) or a revision id
 * (a unique prefix is enough).
 *
 * <pre>{@code
 * Target t = Target.parse("+2");          // Relative(2)
 * Target r = Target.parse("1a2b");        // Revision("1a2b")
 * }</pre>
 *
 * @since 0.1
 */
public sealed interface Target {
  Pattern RELATIVE = Pattern.compile("[+-]\\d{1,6}");

  /** The single head; several heads fail with {@link MultipleHeadsException}. */
  record Head() implements Target {}

  /** Every head. */
  record Heads() implements Target {}

  /** Before the first revision. */
  record Base() implements Target {}

  /** {@code steps} revisions forward (positive) or backward (negative) from the current state. */
  record Relative(int steps) implements Target {}

  /** One revision, by id or unique id prefix. */
  record Exact(String revision) implements Target {}

  static Target parse(String text) {
    if (text == null || text.isBlank()) {
      throw new MigrationException(
          ErrorCode.INVALID_TARGET,
          "no target given; use head, heads, base, +N, -N or a revision id");
    }
    String t = text.strip();
    return switch (t) {
      case "head" -> new Head();
      case "heads" -> new Heads();
      case "base" -> new Base();
      default -> {
        if (RELATIVE.matcher(t).matches()) {
          int steps = Integer.parseInt(t.startsWith("+") ? t.substring(1) : t);
          if (steps == 0) {
            throw new MigrationException(
                ErrorCode.INVALID_TARGET, "'" + t + "' moves nowhere; give a non-zero step count");
          }
          yield new Relative(steps);
        }
        yield new Exact(RevisionIds.check(t, "the target"));
      }
    };
  }

  /** An upgrade target: {@code head}, {@code heads}, {@code +N} or a revision. */
  static Target parseUpgrade(String text) {
    Target t = parse(text);
    if (t instanceof Base || (t instanceof Relative r && r.steps() < 0)) {
      throw new MigrationException(
          ErrorCode.INVALID_TARGET,
          "'"
              + text
              + "' is not an upgrade target; use head, heads, +N or a revision (downgrade goes back)");
    }
    return t;
  }

  /** A downgrade target: {@code base}, {@code -N} or a revision. */
  static Target parseDowngrade(String text) {
    Target t = parse(text);
    if (t instanceof Head || t instanceof Heads || (t instanceof Relative r && r.steps() > 0)) {
      throw new MigrationException(
          ErrorCode.INVALID_TARGET,
          "'"
              + text
              + "' is not a downgrade target; use base, -N or a revision (upgrade goes forward)");
    }
    return t;
  }
}
