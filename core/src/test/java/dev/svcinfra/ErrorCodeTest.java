package dev.svcinfra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.ToIntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The error vocabulary (issue 17): one code per failure, consistent statuses, and docs that cannot
 * drift from the enum. docs/errors.md holds the table rendered here; every "`code` ... exit N" in
 * the docs agrees with the code's exit status.
 */
class ErrorCodeTest {
  private static final Path DOCS = Path.of("..", "docs");
  private static final String BEGIN = "<!-- error codes: generated from dev.svcinfra.ErrorCode -->";
  private static final String END = "<!-- end of error codes -->";
  private static final Pattern NUMBER = Pattern.compile("\\b\\d{1,3}\\b");

  @Test
  void wireNamesAreSnakeCaseAndFoundAgain() {
    for (ErrorCode code : ErrorCode.values()) {
      assertThat(code.wireName()).matches("[a-z]+(_[a-z]+)*");
      assertThat(ErrorCode.fromWireName(code.wireName())).contains(code);
      assertThat(code).hasToString(code.wireName());
      assertThat(code.title()).isNotBlank().doesNotEndWith(".");
    }
    assertThat(ErrorCode.fromWireName("NOT_FOUND")).isEmpty();
    assertThat(ErrorCode.fromWireName("not found")).isEmpty();
    assertThat(ErrorCode.fromWireName("")).isEmpty();
  }

  @Test
  void statusesAreErrorStatusesAndProblemBodiesAgreeWithThem() {
    for (ErrorCode code : ErrorCode.values()) {
      assertThat(code.httpStatus()).as(code.wireName()).isBetween(400, 599);
      assertThat(code.exitStatus()).as(code.wireName()).isIn(1, 2);
      // A problem body never shows a code whose own status differs from the body's status.
      assertThat(code.problemCode().httpStatus()).as(code.wireName()).isEqualTo(code.httpStatus());
      assertThat(code.problemCode().problemCode()).isEqualTo(code.problemCode());
    }
    assertThat(ErrorCode.INVALID_SETTING.problemCode()).isEqualTo(ErrorCode.INTERNAL_ERROR);
    assertThat(ErrorCode.MONGO_NOT_INITIALIZED.problemCode())
        .isEqualTo(ErrorCode.DATABASE_UNAVAILABLE);
    assertThat(ErrorCode.TRANSACTION_CONFLICT.problemCode())
        .isEqualTo(ErrorCode.TRANSACTION_CONFLICT);
  }

  @Test
  void configurationCodesAndOnlyTheyExitTwo() {
    List<ErrorCode> usage = Stream.of(ErrorCode.values()).filter(c -> c.exitStatus() == 2).toList();
    assertThat(usage)
        .containsExactlyInAnyOrder(
            ErrorCode.DATABASE_URL_MISSING,
            ErrorCode.INVALID_DATABASE_URL,
            ErrorCode.INVALID_SETTING,
            ErrorCode.UNREADABLE_FILE,
            ErrorCode.MONGO_DB_MISSING,
            ErrorCode.RESTORE_TOOL_MISSING);
  }

  @Test
  void exceptionsRefuseToGoWithoutACode() {
    assertThatThrownBy(() -> new SvcInfraException(null, "x"))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void theDocsTableIsTheEnum() throws IOException {
    String doc = Files.readString(DOCS.resolve("errors.md"));
    int begin = doc.indexOf(BEGIN);
    int end = doc.indexOf(END);
    assertThat(begin).as("docs/errors.md has the markers").isNotNegative();
    assertThat(end).isGreaterThan(begin);
    String table = doc.substring(begin + BEGIN.length(), end).strip();
    assertThat(table)
        .as("docs/errors.md: replace the table between the markers with this one")
        .isEqualTo(render());
  }

  @Test
  void everyExitStatusTheDocsNameIsTheCodes() throws IOException {
    Pattern mention = Pattern.compile("`([a-z_]+)`[^`|\\n]{0,20}?exit (\\d)");
    int checked = 0;
    for (Path doc : docs()) {
      Matcher m = mention.matcher(Files.readString(doc));
      while (m.find()) {
        var code = ErrorCode.fromWireName(m.group(1));
        if (code.isPresent()) {
          assertThat(Integer.parseInt(m.group(2)))
              .as(doc + ": " + m.group())
              .isEqualTo(code.get().exitStatus());
          checked++;
        }
      }
    }
    assertThat(checked).as("the docs name exit statuses of codes").isPositive();
  }

  /**
   * Any docs table with a {@code code} column and an {@code HTTP}/{@code status} or {@code exit}
   * column agrees with the enum: one number for the row, or one per code in order.
   */
  @Test
  void everyDocsTableOfCodesAgreesWithTheEnum() throws IOException {
    int checked = 0;
    for (Path doc : docs()) {
      List<String> lines = Files.readAllLines(doc);
      for (int i = 0; i + 1 < lines.size(); i++) {
        if (!lines.get(i).startsWith("|") || !lines.get(i + 1).startsWith("|---")) {
          continue;
        }
        List<String> header = cells(lines.get(i));
        int code = header.indexOf("code");
        int http = Math.max(header.indexOf("HTTP"), header.indexOf("status"));
        int exit = header.indexOf("exit");
        for (int r = i + 2; code >= 0 && r < lines.size() && lines.get(r).startsWith("|"); r++) {
          List<String> row = cells(lines.get(r));
          List<ErrorCode> codes = codes(row.get(code));
          String where = doc + ":" + (r + 1);
          if (http >= 0) {
            checked += agree(where, codes, row.get(http), ErrorCode::httpStatus);
          }
          if (exit >= 0) {
            checked += agree(where, codes, row.get(exit), ErrorCode::exitStatus);
          }
        }
      }
    }
    assertThat(checked).as("codes checked in docs tables").isGreaterThan(ErrorCode.values().length);
  }

  private static int agree(
      String where, List<ErrorCode> codes, String cell, ToIntFunction<ErrorCode> number) {
    if (codes.isEmpty()) {
      return 0;
    }
    // Numbers outside backticks: "500 as `internal_error`", "503 + Retry-After", "409 / 500".
    List<Integer> numbers =
        NUMBER
            .matcher(cell.replaceAll("`[^`]*`", ""))
            .results()
            .map(m -> Integer.parseInt(m.group()))
            .toList();
    assertThat(numbers.size()).as(where + ": one number, or one per code").isIn(1, codes.size());
    for (int i = 0; i < codes.size(); i++) {
      int documented = numbers.get(numbers.size() == 1 ? 0 : i);
      assertThat(documented)
          .as(where + ": " + codes.get(i).wireName())
          .isEqualTo(number.applyAsInt(codes.get(i)));
    }
    return codes.size();
  }

  private static List<String> cells(String line) {
    String inner = line.strip().substring(1);
    return Stream.of(inner.substring(0, inner.length() - 1).split("\\|", -1))
        .map(String::strip)
        .toList();
  }

  private static List<ErrorCode> codes(String cell) {
    return Pattern.compile("`([a-z_]+)`")
        .matcher(cell)
        .results()
        .map(m -> ErrorCode.fromWireName(m.group(1)))
        .flatMap(Optional::stream)
        .toList();
  }

  private static List<Path> docs() throws IOException {
    List<Path> docs =
        new ArrayList<>(List.of(Path.of("..", "README.md"), Path.of("..", "mongo", "README.md")));
    try (Stream<Path> files = Files.list(DOCS)) {
      files.filter(f -> f.toString().endsWith(".md")).sorted().forEach(docs::add);
    }
    return docs;
  }

  /** The reference table of docs/errors.md. */
  static String render() {
    return Stream.of(ErrorCode.values())
        .map(
            c ->
                "| `"
                    + c.wireName()
                    + "` | "
                    + http(c)
                    + " | "
                    + c.exitStatus()
                    + " | "
                    + c.title()
                    + " |")
        .collect(
            Collectors.joining("\n", "| code | HTTP | exit | meaning |\n|---|---|---|---|\n", ""));
  }

  private static String http(ErrorCode c) {
    return c.problemCode() == c
        ? String.valueOf(c.httpStatus())
        : c.httpStatus() + " as `" + c.problemCode().wireName() + "`";
  }
}
