package dev.svcinfra.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The consumer project the README shows: every fenced code block preceded by a line {@code <!--
 * consumer: PATH -->} is the file PATH of the project, taken verbatim, so the README cannot show a
 * snippet that does not build.
 */
final class ReadmeProject {
  private static final String MARK = "<!-- consumer: ";

  private ReadmeProject() {}

  /** The files of the project, by relative path, in the order the README shows them. */
  static Map<String, String> files(Path readme) throws IOException {
    List<String> lines = Files.readAllLines(readme);
    Map<String, String> files = new LinkedHashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (!line.startsWith(MARK) || !line.endsWith("-->")) {
        continue;
      }
      String path = line.substring(MARK.length(), line.length() - "-->".length()).strip();
      int open = i + 1;
      if (open >= lines.size() || !lines.get(open).startsWith("```")) {
        throw new IllegalStateException(
            readme + ":" + (i + 1) + ": '" + line + "' is not followed by a fenced code block");
      }
      StringBuilder body = new StringBuilder();
      int j = open + 1;
      for (; j < lines.size() && !lines.get(j).startsWith("```"); j++) {
        body.append(lines.get(j)).append('\n');
      }
      if (j == lines.size()) {
        throw new IllegalStateException(readme + ":" + (open + 1) + ": code block never closed");
      }
      if (files.put(path, body.toString()) != null) {
        throw new IllegalStateException(readme + ": " + path + " is shown twice");
      }
      i = j;
    }
    return files;
  }

  /** Writes {@code files} under {@code dir}. */
  static void write(Map<String, String> files, Path dir) throws IOException {
    for (Map.Entry<String, String> f : files.entrySet()) {
      Path target = dir.resolve(f.getKey()).normalize();
      if (!target.startsWith(dir)) {
        throw new IllegalStateException("README file outside the project: " + f.getKey());
      }
      Files.createDirectories(target.getParent());
      Files.writeString(target, f.getValue());
    }
  }
}
