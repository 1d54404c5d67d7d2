package dev.svcinfra.lifecycle;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.zip.GZIPOutputStream;

/** Writes backup files of a chosen content and age for the tests. */
final class BackupFiles {
  static final String PG_PLAIN =
      """
      --
      -- PostgreSQL database dump
      --

      CREATE TABLE public.t (id integer);

      --
      -- PostgreSQL database dump complete
      --

      """;

  private BackupFiles() {}

  static Path write(Path dir, String name, byte[] content, Duration age) {
    try {
      Path file = dir.resolve(name);
      Files.write(file, content);
      return age(file, age);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Path write(Path dir, String name, String content, Duration age) {
    return write(dir, name, content.getBytes(StandardCharsets.UTF_8), age);
  }

  static Path age(Path file, Duration age) {
    try {
      Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(age)));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] gzip(String text) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
        gz.write(text.getBytes(StandardCharsets.UTF_8));
      }
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] truncate(byte[] data, int bytesRemoved) {
    return Arrays.copyOf(data, data.length - bytesRemoved);
  }

  static String sha256(Path file) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A sidecar in sha256sum format: {@code <hex> <name>}. */
  static Path sidecar(Path backup, String hex) {
    try {
      Path sidecar = backup.resolveSibling(backup.getFileName() + ".sha256");
      Files.writeString(sidecar, hex + "  " + backup.getFileName() + "\n");
      return sidecar;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
