package dev.svcinfra.lifecycle;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Tells a complete SQL dump from a truncated one. The dump tools that announce themselves in the
 * first lines also write a closing line; when the opening is there and the closing is not, the dump
 * stopped part way (disk full, killed job). Text from unknown tools is not judged.
 */
final class DumpCompleteness {
  /**
   * How many trailing bytes may follow the closing marker (recent pg_dump versions end with an
   * "unrestrict" meta-command).
   */
  static final int TAIL_BYTES = 1024;

  private record Tool(String name, String opening, String closing) {}

  private static final List<Tool> TOOLS =
      List.of(
          new Tool(
              "pg_dump", "-- PostgreSQL database dump", "-- PostgreSQL database dump complete"),
          new Tool("mysqldump", "-- MySQL dump", "-- Dump completed"),
          new Tool("mariadb-dump", "-- MariaDB dump", "-- Dump completed"),
          new Tool("sqlite3 .dump", "PRAGMA foreign_keys=OFF;", "COMMIT;"));

  private DumpCompleteness() {}

  /**
   * Why the text starting with {@code head} and ending with {@code tail} is incomplete, or empty
   * when it is complete or its tool is unknown.
   */
  static Optional<String> problem(byte[] head, byte[] tail) {
    String start = new String(head, StandardCharsets.UTF_8);
    String end = new String(tail, StandardCharsets.UTF_8);
    for (Tool tool : TOOLS) {
      if (start.contains(tool.opening()) && !end.contains(tool.closing())) {
        return Optional.of(
            "the "
                + tool.name()
                + " output has no closing '"
                + tool.closing()
                + "' line: the dump is truncated");
      }
    }
    return Optional.empty();
  }
}
