package dev.svcinfra.migrate;

/**
 * Safety switches of an upgrade: run even though applied revision files changed ({@code
 * --allow-changed}), run even though lint found destructive operations ({@code
 * --allow-destructive}).
 *
 * <pre>{@code
 * migrations.upgrade("head", RunOptions.DEFAULT.allowDestructive(true));
 * }</pre>
 *
 * @since 0.1
 */
public record RunOptions(boolean allowChanged, boolean allowDestructive) {
  public static final RunOptions DEFAULT = new RunOptions(false, false);

  public RunOptions allowChanged(boolean value) {
    return new RunOptions(value, allowDestructive);
  }

  public RunOptions allowDestructive(boolean value) {
    return new RunOptions(allowChanged, value);
  }
}
