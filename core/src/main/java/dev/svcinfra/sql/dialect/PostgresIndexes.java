package dev.svcinfra.sql.dialect;

import dev.svcinfra.sql.model.internal.Index;
import dev.svcinfra.sql.model.internal.Table;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What JDBC metadata does not tell about PostgreSQL indexes, read from {@code pg_index}, {@code
 * pg_am} and {@code pg_opclass}: pgjdbc reports a GIN, GiST, hash or BRIN index, a partial one or
 * one with a non-default operator class as if it were a plain index over its columns. The models
 * know three kinds: a B-tree with default operator classes and no predicate (plain or ignore-case),
 * the same with the predicate {@code column IS NULL} (live rows only, issue 21), and a GIN index
 * whose every key is a column with {@code gin_trgm_ops} (trigram). Any other index is read as its
 * own definition from {@code USING} on ({@code USING gist (location)}), so it never passes for a
 * models' index, and an index dropped by autogenerate is restored by the downgrade exactly as it
 * was.
 */
final class PostgresIndexes {
  private PostgresIndexes() {}

  static final String TRIGRAM_EXTENSION = "pg_trgm";
  static final String TRIGRAM_OPCLASS = "gin_trgm_ops";

  /** How a reflected index the models cannot express starts: its definition from USING on. */
  private static final String DEFINITION = "USING ";

  private static final String CATALOG =
      """
      SELECT i.relname, am.amname, x.indpred IS NOT NULL, pg_get_indexdef(x.indexrelid),
             pg_get_indexdef(x.indexrelid, k.ord::int, true), oc.opcname, oc.opcdefault,
             pg_get_expr(x.indpred, x.indrelid)
      FROM pg_index x
      JOIN pg_class i ON i.oid = x.indexrelid
      JOIN pg_class t ON t.oid = x.indrelid
      JOIN pg_namespace n ON n.oid = t.relnamespace
      JOIN pg_am am ON am.oid = i.relam
      CROSS JOIN LATERAL unnest(x.indclass::oid[]) WITH ORDINALITY AS k(opclass, ord)
      JOIN pg_opclass oc ON oc.oid = k.opclass
      WHERE t.relname = ? AND n.nspname = COALESCE(?, current_schema())
      ORDER BY i.relname, k.ord""";

  /** {@code CREATE [UNIQUE] INDEX name ON [ONLY] [schema.]table } before {@code USING ..}. */
  private static final String NAME = "(?:\"(?:[^\"]|\"\")*\"|[^\\s\".]+)";

  private static final Pattern TAIL =
      Pattern.compile(
          "(?s)^CREATE (?:UNIQUE )?INDEX "
              + NAME
              + " ON (?:ONLY )?(?:"
              + NAME
              + "\\.)?"
              + NAME
              + " (USING .*)$");

  /** One index as the catalog describes it; keys, operator classes and defaults in key order. */
  private record Shape(
      String method,
      boolean partial,
      String predicate,
      String definition,
      List<String> keys,
      List<String> opclasses,
      List<Boolean> defaults) {
    boolean defaultOpclasses() {
      return !defaults.contains(false);
    }

    /** The column of a {@code WHERE column IS NULL} predicate: a live-rows-only index. */
    Optional<String> whereNull() {
      return partial ? ExpressionIndexes.whereNullColumn(predicate) : Optional.empty();
    }
  }

  /** {@code table}'s indexes, each in the models' form or as its definition. */
  static Table clean(Connection c, String schema, Table table) throws SQLException {
    Map<String, Shape> shapes = shapes(c, schema, table.name());
    return table.withIndexes(
        table.indexes().stream().map(ix -> fromCatalog(ix, shapes.get(ix.name()))).toList());
  }

  private static Index fromCatalog(Index reported, Shape shape) {
    if (shape == null
        || (shape.method().equals("btree") && !shape.partial() && shape.defaultOpclasses())) {
      return ExpressionIndexes.fromReported(reported);
    }
    if (shape.method().equals("btree")
        && shape.defaultOpclasses()
        && shape.whereNull().isPresent()) {
      Index keys = ExpressionIndexes.fromReported(reported);
      if (keys.columns().stream().allMatch(c -> ExpressionIndexes.identifier(c).isPresent())) {
        return keys.whereNull(shape.whereNull().get());
      }
    }
    if (shape.method().equals("gin")
        && !shape.partial()
        && shape.opclasses().stream().allMatch(TRIGRAM_OPCLASS::equals)) {
      List<Optional<String>> columns =
          shape.keys().stream().map(ExpressionIndexes::identifier).toList();
      if (columns.stream().allMatch(Optional::isPresent)) {
        return new Index(
            reported.name(), columns.stream().map(Optional::get).toList(), false, false, true);
      }
    }
    Matcher tail = TAIL.matcher(shape.definition());
    String definition =
        tail.matches()
            ? tail.group(1)
            : DEFINITION + shape.method() + " (" + String.join(", ", shape.keys()) + ")";
    return new Index(reported.name(), List.of(definition), reported.unique());
  }

  private static Map<String, Shape> shapes(Connection c, String schema, String table)
      throws SQLException {
    Map<String, Shape> out = new HashMap<>();
    try (PreparedStatement ps = c.prepareStatement(CATALOG)) {
      ps.setString(1, table);
      ps.setString(2, schema);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Shape s = out.get(rs.getString(1));
          if (s == null) {
            s =
                new Shape(
                    rs.getString(2),
                    rs.getBoolean(3),
                    rs.getString(8),
                    rs.getString(4),
                    new ArrayList<>(),
                    new ArrayList<>(),
                    new ArrayList<>());
            out.put(rs.getString(1), s);
          }
          s.keys().add(rs.getString(5));
          s.opclasses().add(rs.getString(6));
          s.defaults().add(rs.getBoolean(7));
        }
      }
    }
    return out;
  }

  /** The definition of a reflected index the models cannot express, if {@code index} is one. */
  static Optional<String> definition(Index index) {
    List<String> columns = index.columns();
    return columns.size() == 1 && columns.get(0).startsWith(DEFINITION)
        ? Optional.of(columns.get(0))
        : Optional.empty();
  }
}
