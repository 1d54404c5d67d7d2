package dev.svcinfra.lifecycle;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Looks at one backup file: size, age, format from its first bytes and, when asked to read the
 * content, completeness and the {@code .sha256} sidecar. Never throws for a bad file: every finding
 * is a {@link BackupProblem}.
 */
final class BackupInspector {
  /** The file as found, and what is wrong with it. */
  record Inspection(BackupFile file, List<BackupProblem> problems) {}

  private BackupInspector() {}

  static Inspection inspect(Path file, Instant now, boolean readContent) {
    List<BackupProblem> problems = new ArrayList<>();
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(file, BasicFileAttributes.class);
    } catch (IOException e) {
      Instant modified = linkModified(file);
      problems.add(
          new BackupProblem(
              BackupProblem.Kind.UNREADABLE,
              file
                  + " cannot be read: "
                  + (e instanceof NoSuchFileException
                      ? "it is a link to a missing file"
                      : e.toString())));
      return new Inspection(
          new BackupFile(
              file,
              BackupFormat.UNKNOWN,
              BackupFormat.UNKNOWN,
              0,
              modified,
              age(modified, now),
              BackupFile.Checksum.NOT_CHECKED),
          problems);
    }
    Instant modified = attributes.lastModifiedTime().toInstant();
    long size = attributes.size();
    Duration age = age(modified, now);
    if (size == 0) {
      problems.add(new BackupProblem(BackupProblem.Kind.EMPTY, file + " is empty (0 bytes)"));
      return new Inspection(
          new BackupFile(
              file,
              BackupFormat.UNKNOWN,
              BackupFormat.UNKNOWN,
              0,
              modified,
              age,
              BackupFile.Checksum.NOT_CHECKED),
          problems);
    }
    byte[] head;
    try (InputStream in = Files.newInputStream(file)) {
      head = in.readNBytes(BackupFormat.HEAD_BYTES);
    } catch (IOException e) {
      problems.add(
          new BackupProblem(BackupProblem.Kind.UNREADABLE, file + " cannot be read: " + e));
      return new Inspection(
          new BackupFile(
              file,
              BackupFormat.UNKNOWN,
              BackupFormat.UNKNOWN,
              size,
              modified,
              age,
              BackupFile.Checksum.NOT_CHECKED),
          problems);
    }
    BackupFormat format = BackupFormat.detect(head);
    BackupFormat content = format;
    BackupFile.Checksum checksum = BackupFile.Checksum.NOT_CHECKED;
    if (readContent) {
      try {
        ContentScan.Result scan = ContentScan.scan(file, format, head, size);
        content = scan.content();
        scan.corruption()
            .ifPresent(
                why ->
                    problems.add(new BackupProblem(BackupProblem.Kind.CORRUPT, file + ": " + why)));
        checksum = checksum(file, problems);
      } catch (IOException e) {
        problems.add(
            new BackupProblem(
                BackupProblem.Kind.UNREADABLE, file + " cannot be read to the end: " + e));
      }
    } else if (format == BackupFormat.UNKNOWN) {
      problems.add(
          new BackupProblem(
              BackupProblem.Kind.CORRUPT,
              file + ": not a pg_dump archive, gzip stream, SQLite database or SQL text"));
    }
    return new Inspection(
        new BackupFile(file, format, content, size, modified, age, checksum), problems);
  }

  private static BackupFile.Checksum checksum(Path file, List<BackupProblem> problems)
      throws IOException {
    Optional<Path> sidecar = ChecksumSidecar.of(file);
    if (sidecar.isEmpty()) {
      return BackupFile.Checksum.ABSENT;
    }
    String expected;
    try {
      expected = ChecksumSidecar.expectedDigest(sidecar.get(), file.getFileName().toString());
    } catch (IllegalArgumentException e) {
      problems.add(new BackupProblem(BackupProblem.Kind.CHECKSUM_MISMATCH, e.getMessage()));
      return BackupFile.Checksum.MISMATCH;
    }
    String actual = ContentScan.sha256(file);
    if (!actual.equals(expected)) {
      problems.add(
          new BackupProblem(
              BackupProblem.Kind.CHECKSUM_MISMATCH,
              file
                  + " has SHA-256 "
                  + actual
                  + " but "
                  + sidecar.get().getFileName()
                  + " expects "
                  + expected));
      return BackupFile.Checksum.MISMATCH;
    }
    return BackupFile.Checksum.VERIFIED;
  }

  /** A file's age; a modification time in the future (clock skew) counts as brand new. */
  static Duration age(Instant modified, Instant now) {
    Duration age = Duration.between(modified, now);
    return age.isNegative() ? Duration.ZERO : age;
  }

  /** The time of the link itself, for links whose target is gone. */
  private static Instant linkModified(Path file) {
    try {
      return Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS).toInstant();
    } catch (IOException e) {
      return Instant.EPOCH;
    }
  }
}
