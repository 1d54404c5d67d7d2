package dev.svcinfra.sql.dialect.internal;

/**
 * How a database's SQL text is cut into statements: which quotes, comments and blocks may hold a
 * semicolon without ending the statement, and which client directives end it instead. Each {@code
 * Dialect} answers its own ({@link MigrationSql#sqlSyntax()}); the {@link StatementSplitter} reads
 * it. Every database knows {@code '..'} and {@code ".."} with doubled quotes inside, {@code --} and
 * {@code /* *}{@code /} comments, and {@code BEGIN ... END} bodies of triggers and routines.
 *
 * @param backslashEscapes a backslash inside {@code '..'} and {@code ".."} escapes the next
 *     character (MySQL and MariaDB unless {@code NO_BACKSLASH_ESCAPES}; Snowflake)
 * @param escapeStrings {@code E'..'} strings read backslash escapes (PostgreSQL, DuckDB)
 * @param dollarQuotes {@code $$..$$} and {@code $tag$..$tag$} are string bodies (PostgreSQL,
 *     DuckDB, Snowflake)
 * @param nestedComments {@code /* /* *}{@code / *}{@code /} nests (PostgreSQL)
 * @param backtickIdentifiers {@code `..`} quotes an identifier (MySQL, MariaDB, SQLite)
 * @param bracketIdentifiers {@code [..]} quotes an identifier (SQL Server, SQLite)
 * @param hashComments {@code #} starts a comment to the end of the line (MySQL, MariaDB)
 * @param executableComments {@code /*! .. *}{@code /} and {@code /*M! .. *}{@code /} are code, not
 *     comments (MySQL, MariaDB)
 * @param delimiterDirective the client's {@code DELIMITER $$} line changes the terminator (MySQL,
 *     MariaDB)
 * @param goBatches a line holding only {@code GO} ends a batch (SQL Server)
 * @since 0.1
 */
public record SqlSyntax(
    boolean backslashEscapes,
    boolean escapeStrings,
    boolean dollarQuotes,
    boolean nestedComments,
    boolean backtickIdentifiers,
    boolean bracketIdentifiers,
    boolean hashComments,
    boolean executableComments,
    boolean delimiterDirective,
    boolean goBatches) {

  /** Standard SQL quoting and comments only. */
  public static final SqlSyntax STANDARD =
      new SqlSyntax(false, false, false, false, false, false, false, false, false, false);

  public static final SqlSyntax POSTGRESQL =
      new SqlSyntax(false, true, true, true, false, false, false, false, false, false);

  public static final SqlSyntax MYSQL =
      new SqlSyntax(true, false, false, false, true, false, true, true, true, false);

  public static final SqlSyntax SQLITE =
      new SqlSyntax(false, false, false, false, true, true, false, false, false, false);

  public static final SqlSyntax SQL_SERVER =
      new SqlSyntax(false, false, false, false, false, true, false, false, false, true);

  public static final SqlSyntax DUCKDB =
      new SqlSyntax(false, true, true, false, false, false, false, false, false, false);

  public static final SqlSyntax SNOWFLAKE =
      new SqlSyntax(true, false, true, false, false, false, false, false, false, false);
}
