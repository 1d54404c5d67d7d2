package dev.svcinfra.lifecycle;

import dev.svcinfra.config.DatabaseSettings;
import dev.svcinfra.config.PoolSettings;
import dev.svcinfra.config.internal.ResolvedUrl;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

/**
 * Restores one backup into a scratch database of the live database's kind, measures it and removes
 * it. One implementation per database that can be restore-tested; see {@link ScratchRestores}.
 */
interface ScratchRestore {

  /**
   * Restores {@code backup} (whose first bytes say {@code format}, and whose decompressed content
   * is {@code content}) next to the live database of {@code live}, never into it.
   *
   * @throws dev.svcinfra.config.ConfigException when the backup cannot go into this kind of
   *     database, the scratch name is unusable, or a client program is missing; nothing was created
   */
  RestoreReport restore(
      Path backup,
      BackupFormat format,
      BackupFormat content,
      DatabaseSettings live,
      RestoreOptions options);

  /** The backup's content, decompressed when it is gzip. */
  static InputStream open(Path backup, BackupFormat format) throws IOException {
    InputStream in = Files.newInputStream(backup);
    return format == BackupFormat.GZIP ? new GZIPInputStream(in, 1 << 16) : in;
  }

  /**
   * Copies SQL text line by line through a {@link ScriptGuard}; ISO-8859-1 on both sides keeps
   * every byte as it was, whatever the dump's encoding.
   */
  static Optional<String> copyGuarded(InputStream script, OutputStream out) throws IOException {
    ScriptGuard guard = new ScriptGuard();
    try (BufferedReader reader =
            new BufferedReader(
                new InputStreamReader(script, StandardCharsets.ISO_8859_1), 1 << 16);
        BufferedWriter writer =
            new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.ISO_8859_1), 1 << 16)) {
      String line;
      while ((line = reader.readLine()) != null) {
        Optional<String> refused = guard.refuse(line);
        if (refused.isPresent()) {
          return refused;
        }
        writer.write(line);
        writer.write('\n');
      }
    }
    return Optional.empty();
  }

  /** Settings for one short-lived connection to {@code url}: no replica, a pool of one. */
  static DatabaseSettings single(DatabaseSettings live, ResolvedUrl url) {
    return new DatabaseSettings(
        url,
        Optional.empty(),
        PoolSettings.defaults().withSize(1),
        live.timeouts(),
        live.tls(),
        live.forceDriver());
  }
}
