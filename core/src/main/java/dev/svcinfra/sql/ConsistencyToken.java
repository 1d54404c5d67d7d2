package dev.svcinfra.sql;

import dev.svcinfra.sql.dialect.Dialect;
import dev.svcinfra.sql.dialect.Dialects;
import dev.svcinfra.sql.dialect.internal.ReplicaPositions;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where the primary stood right after a write: give it to a read-only transaction so that the read
 * sees that write, from the replica once it has applied it, from the primary otherwise (issue 20).
 * Opaque to clients; its text form travels in the {@code X-Consistency-Token} HTTP header.
 *
 * <pre>{@code
 * db.useTransaction(tx -> tx.execute("INSERT INTO notes (body) VALUES (?)", body));
 * ConsistencyToken token = db.consistencyToken().orElse(null);
 * List<Note> notes = db.inReadOnlyTransaction(token, tx -> notes.list(tx));  // sees the insert
 * }</pre>
 *
 * <p>The text is base64url of the dialect, the primary's identity and its replication position
 * (PostgreSQL: the WAL insert LSN; MariaDB: server id and GTID position; MySQL: server UUID and
 * executed GTID set). A token of another dialect or another primary is not an error: the read just
 * runs on the primary.
 *
 * @since 0.2
 */
public final class ConsistencyToken {
  /** Longest text accepted: a MySQL GTID set of many servers stays far below it. */
  static final int MAX_LENGTH = 4096;

  private static final String VERSION = "1";

  /** A system identifier, a server id or a server UUID. */
  private static final Pattern CLUSTER = Pattern.compile("[0-9A-Za-z-]{1,64}");

  private final String dialect;
  private final String cluster;
  private final String position;

  ConsistencyToken(String dialect, String cluster, String position) {
    this.dialect = Objects.requireNonNull(dialect, "dialect");
    this.cluster = Objects.requireNonNull(cluster, "cluster");
    this.position = Objects.requireNonNull(position, "position");
  }

  /**
   * Reads a token from its text form.
   *
   * @throws IllegalArgumentException naming what is wrong when {@code text} is no token this
   *     library issues (not base64url, another layout, an unknown dialect, a malformed position)
   */
  public static ConsistencyToken parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("the consistency token is empty");
    }
    if (text.length() > MAX_LENGTH) {
      throw new IllegalArgumentException(
          "the consistency token is longer than " + MAX_LENGTH + " characters");
    }
    String decoded;
    try {
      decoded = new String(Base64.getUrlDecoder().decode(text.trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the consistency token is not base64url text", e);
    }
    String[] parts = decoded.split("\n", -1);
    if (parts.length != 4 || !parts[0].equals(VERSION)) {
      throw new IllegalArgumentException(
          "the consistency token is not one this service issues: send back the"
              + " X-Consistency-Token of a write response unchanged");
    }
    Optional<ReplicaPositions> positions =
        Dialects.forScheme(parts[1])
            .filter(d -> d.name().equals(parts[1]))
            .flatMap(Dialect::replicaPositions);
    if (positions.isEmpty()) {
      throw new IllegalArgumentException(
          "the consistency token names no database that issues tokens");
    }
    if (!CLUSTER.matcher(parts[2]).matches() || !positions.get().wellFormed(parts[3])) {
      throw new IllegalArgumentException(
          "the consistency token carries a malformed " + parts[1] + " position");
    }
    return new ConsistencyToken(parts[1], parts[2], parts[3]);
  }

  /** The text form, for a header or a cookie; {@link #parse} reads it back. */
  public String value() {
    String plain = VERSION + "\n" + dialect + "\n" + cluster + "\n" + position;
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(plain.getBytes(StandardCharsets.UTF_8));
  }

  String dialect() {
    return dialect;
  }

  String cluster() {
    return cluster;
  }

  String position() {
    return position;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ConsistencyToken t
        && t.dialect.equals(dialect)
        && t.cluster.equals(cluster)
        && t.position.equals(position);
  }

  @Override
  public int hashCode() {
    return Objects.hash(dialect, cluster, position);
  }

  /** The text form. */
  @Override
  public String toString() {
    return value();
  }
}
