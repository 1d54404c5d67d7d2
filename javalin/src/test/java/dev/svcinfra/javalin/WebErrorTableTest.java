package dev.svcinfra.javalin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.svcinfra.ErrorCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The status/code table of docs/web.md "Errors" is {@link ErrorCode}'s, both ways (issue 17). */
class WebErrorTableTest {
  private static final Pattern ROW =
      Pattern.compile("^\\| (\\d{3}) \\| ([^|]+) \\|", Pattern.MULTILINE);
  private static final Pattern CODE = Pattern.compile("`([a-z_]+)`");

  @Test
  void theTableListsEveryCodeARequestCanShowWithItsStatus() throws IOException {
    Map<String, Integer> documented = documented();
    documented.forEach(
        (code, status) -> {
          assertThat(ErrorCode.fromWireName(code)).as("docs/web.md names `%s`", code).isPresent();
          ErrorCode c = ErrorCode.fromWireName(code).orElseThrow();
          assertThat(c.problemCode())
              .as("`%s` is never shown to a client as itself", code)
              .isEqualTo(c);
          assertThat(status).as("docs/web.md status of `%s`", code).isEqualTo(c.httpStatus());
        });
    // Every code a problem body can show; the health route's own 404 is docs/health.md's.
    Set<String> shown =
        Stream.of(ErrorCode.values())
            .map(ErrorCode::problemCode)
            .distinct()
            .filter(c -> c != ErrorCode.HEALTH_CHECK_UNKNOWN)
            .map(ErrorCode::wireName)
            .collect(Collectors.toSet());
    assertThat(documented.keySet()).containsExactlyInAnyOrderElementsOf(shown);
  }

  @Test
  void theHealthRouteDocumentsItsNotFound() throws IOException {
    String health = Files.readString(Path.of("..", "docs", "health.md"));
    assertThat(
            health
                .lines()
                .filter(
                    l ->
                        l.contains("health_check_unknown")
                            && l.contains("`" + ErrorCode.HEALTH_CHECK_UNKNOWN.httpStatus() + "`")))
        .isNotEmpty();
  }

  /** Code to status, from the rows of the table under "## Errors". */
  private static Map<String, Integer> documented() throws IOException {
    String web = Files.readString(Path.of("..", "docs", "web.md"));
    int start = web.indexOf("\n## Errors\n");
    assertThat(start).as("docs/web.md has an Errors section").isNotNegative();
    int end = web.indexOf("\n## ", start + 1);
    Matcher row = ROW.matcher(web.substring(start, end < 0 ? web.length() : end));
    Map<String, Integer> documented = new LinkedHashMap<>();
    while (row.find()) {
      Matcher code = CODE.matcher(row.group(2));
      while (code.find()) {
        Integer before = documented.put(code.group(1), Integer.parseInt(row.group(1)));
        assertThat(before).as("`%s` is listed once", code.group(1)).isNull();
      }
    }
    assertThat(documented).as("rows found").hasSizeGreaterThan(10);
    return documented;
  }
}
