package dev.svcinfra.migrate.internal.autogen;

import dev.svcinfra.sql.model.ColumnType;
import dev.svcinfra.sql.model.ColumnType.Kind;
import java.util.Locale;

/**
 * Turns a reflected type name (JDBC {@code TYPE_NAME}, {@code COLUMN_SIZE}, {@code DECIMAL_DIGITS})
 * into a portable type. Names are the databases' own spellings ({@code int8}, {@code character
 * varying}, {@code tinyint(1)}); the comparison then asks the dialect whether the result is the
 * model's type as that database stores it.
 */
final class ReflectedTypes {
  private ReflectedTypes() {}

  static ColumnType of(String typeName, int size, int digits) {
    String t = typeName.toLowerCase(Locale.ROOT).replaceAll("\\(.*\\)", "").strip();
    if (t.endsWith(" unsigned")) {
      t = t.substring(0, t.length() - " unsigned".length());
    }
    return switch (t) {
      case "varchar", "character varying", "nvarchar", "varchar2", "string" ->
          size > 0 && size < Integer.MAX_VALUE / 2
              ? ColumnType.string(size)
              : ColumnType.of(Kind.TEXT);
      case "char", "character", "bpchar", "nchar" ->
          size == 36 ? ColumnType.of(Kind.UUID) : ColumnType.string(Math.max(1, size));
      case "text", "longtext", "mediumtext", "tinytext", "clob", "ntext" ->
          ColumnType.of(Kind.TEXT);
      case "int2", "smallint", "tinyint" ->
          size == 1 && t.equals("tinyint")
              ? ColumnType.of(Kind.BOOLEAN)
              : ColumnType.of(Kind.SMALLINT);
      case "int", "int4", "integer", "mediumint", "serial", "int32" -> ColumnType.of(Kind.INTEGER);
      case "int8", "bigint", "bigserial", "serial8", "int64", "long" -> ColumnType.of(Kind.BIGINT);
      case "numeric", "decimal", "number" ->
          size > 0
              ? ColumnType.decimal(size, Math.max(0, Math.min(digits, size)))
              : ColumnType.decimal();
      case "float4", "real", "float" -> ColumnType.of(Kind.REAL);
      case "float8", "double", "double precision" -> ColumnType.of(Kind.DOUBLE);
      case "bool", "boolean", "bit" -> ColumnType.of(Kind.BOOLEAN);
      case "uuid", "uniqueidentifier" -> ColumnType.of(Kind.UUID);
      case "date" -> ColumnType.of(Kind.DATE);
      case "time", "time without time zone" -> ColumnType.of(Kind.TIME);
      case "timestamp", "datetime", "datetime2", "timestamp without time zone" ->
          ColumnType.of(Kind.TIMESTAMP);
      case "timestamptz", "timestamp with time zone", "datetimeoffset", "timestamp_tz" ->
          ColumnType.of(Kind.TIMESTAMP_TZ);
      case "bytea", "blob", "longblob", "mediumblob", "varbinary", "binary", "image" ->
          ColumnType.binary(
              t.equals("varbinary") && size > 0 && size < Integer.MAX_VALUE / 2 ? size : 0);
      case "json", "jsonb" -> ColumnType.of(Kind.JSON);
      default -> ColumnType.of(Kind.TEXT);
    };
  }
}
