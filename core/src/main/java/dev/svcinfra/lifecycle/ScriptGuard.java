package dev.svcinfra.lifecycle;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads a SQL script line by line before it reaches the scratch database and stops at any line that
 * would leave it or touch another database: {@code \connect} (a dump made with {@code pg_dump
 * --create} switches to the live database by name), {@code CREATE/DROP/ALTER DATABASE} ({@code
 * --clean --create} drops the live database) and SQLite's {@code ATTACH}. Lines of {@code COPY ...
 * FROM stdin} data are table rows and are let through.
 */
final class ScriptGuard {
  private static final Pattern SWITCH = Pattern.compile("^\\s*\\\\(c|connect)(\\s|$).*");
  private static final Pattern DATABASE_DDL =
      Pattern.compile("^\\s*(CREATE|DROP|ALTER)\\s+DATABASE\\b.*", Pattern.CASE_INSENSITIVE);
  private static final Pattern ATTACH =
      Pattern.compile("^\\s*(ATTACH|DETACH)\\b.*", Pattern.CASE_INSENSITIVE);
  private static final Pattern COPY_FROM_STDIN =
      Pattern.compile("^COPY\\s.*\\sFROM\\s+stdin.*;\\s*$", Pattern.CASE_INSENSITIVE);
  private static final String COPY_END = "\\.";

  private boolean inCopyData;
  private long lineNumber;

  /** Why {@code line} must not run, or empty when it may; call once per line, in order. */
  Optional<String> refuse(String line) {
    lineNumber++;
    if (inCopyData) {
      inCopyData = !line.equals(COPY_END);
      return Optional.empty();
    }
    if (COPY_FROM_STDIN.matcher(line).matches()) {
      inCopyData = true;
      return Optional.empty();
    }
    if (SWITCH.matcher(line).matches()
        || DATABASE_DDL.matcher(line).matches()
        || ATTACH.matcher(line).matches()) {
      return Optional.of(
          "line "
              + lineNumber
              + " of the dump ('"
              + abbreviate(line)
              + "') would leave the scratch database or change another one, so the restore test "
              + "stops there; make the dump without --create/--clean (pg_dump) or use the custom "
              + "format (pg_dump -Fc)");
    }
    return Optional.empty();
  }

  private static String abbreviate(String line) {
    String s = line.strip();
    return s.length() > 60 ? s.substring(0, 60) + "..." : s;
  }
}
