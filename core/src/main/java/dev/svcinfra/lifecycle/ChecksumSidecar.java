package dev.svcinfra.lifecycle;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code <backup>.sha256} file in {@code sha256sum} format: lines of {@code <64 hex digits> <file
 * name>} ({@code *name} in binary mode), or a bare digest. The line naming the backup wins; a bare
 * digest applies to the file the sidecar is named after.
 */
final class ChecksumSidecar {
  static final String SUFFIX = ".sha256";

  private static final Pattern LINE = Pattern.compile("^\\\\?([0-9a-fA-F]{64})(?:\\s+\\*?(.+))?$");

  private ChecksumSidecar() {}

  /** The sidecar of {@code backup}, when it exists. */
  static Optional<Path> of(Path backup) {
    Path sidecar = backup.resolveSibling(backup.getFileName() + SUFFIX);
    return Files.exists(sidecar) ? Optional.of(sidecar) : Optional.empty();
  }

  /**
   * The expected digest (lower-case hex) of {@code backupName} in {@code sidecar}.
   *
   * @throws IOException when the sidecar cannot be read
   * @throws IllegalArgumentException when it holds no digest for {@code backupName}, saying why
   */
  static String expectedDigest(Path sidecar, String backupName) throws IOException {
    List<String> lines = Files.readAllLines(sidecar, StandardCharsets.UTF_8);
    String bare = null;
    for (String raw : lines) {
      Matcher m = LINE.matcher(raw.strip());
      if (!m.matches()) {
        continue;
      }
      String digest = m.group(1).toLowerCase(Locale.ROOT);
      String name = m.group(2);
      if (name == null) {
        bare = digest;
      } else if (Path.of(name.strip()).getFileName().toString().equals(backupName)) {
        return digest;
      }
    }
    if (bare != null) {
      return bare;
    }
    throw new IllegalArgumentException(
        sidecar.getFileName() + " holds no sha256sum line for " + backupName);
  }

  /** Lower-case hex of a SHA-256 digest. */
  static String hex(byte[] digest) {
    return HexFormat.of().formatHex(digest);
  }
}
