package dev.svcinfra.config;

import dev.svcinfra.ErrorCode;
import dev.svcinfra.config.internal.PercentCodec;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns URL text into a {@link DatabaseUrl}. Errors never echo the password: they show the URL with
 * everything between {@code :} and {@code @} of the user info replaced by the mask.
 */
final class UrlParser {
  /**
   * The parameter that holds a MySQL or MariaDB Connector/J high-availability mode, written in a
   * JDBC URL as {@code jdbc:mariadb:sequential://...}.
   */
  static final String HOST_MODE_PARAM = "ha_mode";

  private static final Pattern HOST_MODE = Pattern.compile("([A-Za-z][A-Za-z-]*):(?=//)");
  private static final Set<String> HOST_MODE_DRIVERS = Set.of("mysql", "mariadb");

  private UrlParser() {}

  static DatabaseUrl parse(String text) {
    if (text == null || text.isBlank()) {
      throw invalid("", "the URL is empty");
    }
    String url = text.trim();
    if (url.regionMatches(true, 0, "jdbc:", 0, 5)) {
      return parseJdbc(url);
    }
    int sep = url.indexOf("://");
    if (sep <= 0) {
      throw invalid(
          url,
          "expected scheme://[user[:password]@]host[:port]/database[?params] " + "or a jdbc: URL");
    }
    String schemePart = url.substring(0, sep);
    if (!schemePart.matches("[A-Za-z][A-Za-z0-9.+-]*")) {
      throw invalid(url, "the scheme '" + schemePart + "' is not a URL scheme");
    }
    int plus = schemePart.indexOf('+');
    DatabaseUrl.Builder b =
        DatabaseUrl.builder(plus < 0 ? schemePart : schemePart.substring(0, plus));
    if (plus >= 0) {
      b.driver(schemePart.substring(plus + 1));
    }
    parseHierarchical(url, url.substring(sep + 3), b, '?', '&');
    return b.build();
  }

  /**
   * {@code jdbc:sub://authority/db?params}, {@code jdbc:sqlserver://h;k=v} or {@code
   * jdbc:sub:opaque}.
   */
  private static DatabaseUrl parseJdbc(String url) {
    String rest = url.substring(5);
    int colon = rest.indexOf(':');
    if (colon <= 0) {
      throw invalid(url, "expected jdbc:<subprotocol>:...");
    }
    String subprotocol = rest.substring(0, colon);
    DatabaseUrl.Builder b = DatabaseUrl.builder(subprotocol).jdbc(true);
    String body = rest.substring(colon + 1);
    Matcher mode = HOST_MODE.matcher(body);
    if (HOST_MODE_DRIVERS.contains(subprotocol.toLowerCase(Locale.ROOT)) && mode.lookingAt()) {
      // Connector/J's jdbc:mysql:replication://, MariaDB's jdbc:mariadb:sequential://: the mode
      // becomes the ha_mode parameter, which every URL form and rendering carries.
      b.param(HOST_MODE_PARAM, mode.group(1));
      body = body.substring(mode.group(1).length() + 1);
    }
    if (body.startsWith("//")) {
      parseHierarchical(url, body.substring(2), b, '?', '&');
    } else {
      // Opaque form (SQLite, DuckDB, H2): a path or name, optionally followed by ?params.
      int q = body.indexOf('?');
      b.database(q < 0 ? body : body.substring(0, q));
      if (q >= 0) {
        parseQuery(url, body.substring(q + 1), '&', b);
      }
    }
    return b.build();
  }

  /**
   * Parses {@code [userinfo@]hosts[/database][?query]}. SQL Server's {@code ;key=value} properties
   * after the authority are parameters too.
   */
  private static void parseHierarchical(
      String url, String rest, DatabaseUrl.Builder b, char queryStart, char querySep) {
    // A URL whose authority is empty (sqlite:///file.db) has no user info to look for.
    int queryAt = rest.indexOf(queryStart);
    String beforeQuery = queryAt < 0 ? rest : rest.substring(0, queryAt);
    String query = queryAt < 0 ? "" : rest.substring(queryAt + 1);
    int at = beforeQuery.startsWith("/") ? -1 : beforeQuery.lastIndexOf('@');
    if (at >= 0) {
      String userInfo = beforeQuery.substring(0, at);
      int colon = userInfo.indexOf(':');
      String user = colon < 0 ? userInfo : userInfo.substring(0, colon);
      if (!user.isEmpty()) {
        b.user(PercentCodec.decode(user));
      }
      if (colon >= 0) {
        b.password(PercentCodec.decode(userInfo.substring(colon + 1)));
      }
      beforeQuery = beforeQuery.substring(at + 1);
    }
    int semi = beforeQuery.indexOf(';');
    String semiProps = "";
    if (semi >= 0) {
      semiProps = beforeQuery.substring(semi + 1);
      beforeQuery = beforeQuery.substring(0, semi);
    }
    int slash = beforeQuery.indexOf('/');
    String hostPart = slash < 0 ? beforeQuery : beforeQuery.substring(0, slash);
    if (slash >= 0) {
      b.database(PercentCodec.decode(beforeQuery.substring(slash + 1)));
    }
    if (!hostPart.isEmpty()) {
      for (String hp : hostPart.split(",", -1)) {
        parseHost(url, hp, b);
      }
    }
    if (!semiProps.isEmpty()) {
      parseQuery(url, semiProps, ';', b);
    }
    if (!query.isEmpty()) {
      parseQuery(url, query, querySep, b);
    }
  }

  private static void parseHost(String url, String hostPort, DatabaseUrl.Builder b) {
    if (hostPort.isEmpty()) {
      throw invalid(url, "a host in the host list is empty");
    }
    String host;
    String port = null;
    if (hostPort.startsWith("[")) {
      int close = hostPort.indexOf(']');
      if (close < 0) {
        throw invalid(url, "unclosed IPv6 literal '" + hostPort + "'");
      }
      host = hostPort.substring(1, close);
      if (close + 1 < hostPort.length()) {
        if (hostPort.charAt(close + 1) != ':') {
          throw invalid(url, "unexpected text after IPv6 literal '" + hostPort + "'");
        }
        port = hostPort.substring(close + 2);
      }
    } else {
      int colon = hostPort.lastIndexOf(':');
      host = colon < 0 ? hostPort : hostPort.substring(0, colon);
      port = colon < 0 ? null : hostPort.substring(colon + 1);
    }
    Integer portNumber = null;
    if (port != null && !port.isEmpty()) {
      if (!port.chars().allMatch(Character::isDigit) || port.length() > 5) {
        throw invalid(url, "the port '" + port + "' is not a number in 1..65535");
      }
      portNumber = Integer.valueOf(port);
    }
    b.host(PercentCodec.decode(host), portNumber);
  }

  private static void parseQuery(String url, String query, char sep, DatabaseUrl.Builder b) {
    for (String pair : query.split(String.valueOf(sep), -1)) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key = PercentCodec.decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : PercentCodec.decode(pair.substring(eq + 1));
      if (key.isEmpty()) {
        throw invalid(url, "a parameter has no name");
      }
      b.param(key, value);
    }
  }

  private static ConfigException invalid(String url, String why) {
    return new ConfigException(
        ErrorCode.INVALID_DATABASE_URL, "invalid database URL '" + maskForError(url) + "': " + why);
  }

  /**
   * Masks a password in text that failed to parse, where no structure can be trusted: everything
   * between the first {@code :} after {@code //} and the last {@code @} before the path, plus any
   * {@code password=} parameter value.
   */
  static String maskForError(String url) {
    String masked = url;
    int start = masked.indexOf("//");
    if (start >= 0) {
      int at = masked.lastIndexOf('@');
      int colon = masked.indexOf(':', start + 2);
      if (at > start && colon > start && colon < at) {
        masked = masked.substring(0, colon + 1) + DatabaseUrl.MASK + masked.substring(at);
      }
    }
    return masked.replaceAll("(?i)(password=)[^&;]*", "$1" + DatabaseUrl.MASK);
  }
}
