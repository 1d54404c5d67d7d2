package dev.svcinfra.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BackupFormatTest {
  @Test
  void pgDumpCustomIsToldByItsMagic() {
    assertThat(BackupFormat.detect(new byte[] {'P', 'G', 'D', 'M', 'P', 1, 14, 0, 4, 8, 1}))
        .isEqualTo(BackupFormat.PG_CUSTOM);
  }

  @Test
  void gzipIsToldByItsMagic() {
    assertThat(BackupFormat.detect(BackupFiles.gzip("select 1;"))).isEqualTo(BackupFormat.GZIP);
  }

  @Test
  void sqliteDatabaseAndTarAreRecognised() {
    assertThat(BackupFormat.detect("SQLite format 3\0rest".getBytes(StandardCharsets.US_ASCII)))
        .isEqualTo(BackupFormat.SQLITE_DATABASE);
    byte[] tar = new byte[512];
    System.arraycopy("toc.dat".getBytes(StandardCharsets.US_ASCII), 0, tar, 0, 7);
    System.arraycopy("ustar".getBytes(StandardCharsets.US_ASCII), 0, tar, 257, 5);
    assertThat(BackupFormat.detect(tar)).isEqualTo(BackupFormat.PG_TAR);
  }

  @Test
  void textIsPlainSqlAndBinaryJunkIsUnknown() {
    assertThat(BackupFormat.detect("CREATE TABLE t (id int);".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(BackupFormat.PLAIN_SQL);
    assertThat(BackupFormat.detect(new byte[] {1, 2, 0, 3})).isEqualTo(BackupFormat.UNKNOWN);
    assertThat(BackupFormat.detect(new byte[0])).isEqualTo(BackupFormat.UNKNOWN);
  }

  @Test
  void wireNamesAreLowerCase() {
    assertThat(BackupFormat.PG_CUSTOM.wireName()).isEqualTo("pg_custom");
    assertThat(BackupFormat.PLAIN_SQL.wireName()).isEqualTo("plain_sql");
  }
}
