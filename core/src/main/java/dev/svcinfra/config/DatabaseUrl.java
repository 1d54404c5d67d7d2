package dev.svcinfra.config;

import dev.svcinfra.config.internal.HostPort;
import dev.svcinfra.config.internal.PercentCodec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A parsed database URL: scheme, optional driver suffix, credentials, hosts, database and
 * parameters, independent of any dialect.
 *
 * <p>Accepts SQLAlchemy/Heroku-style URLs ({@code postgres://u:p@h:5432/db}, {@code
 * postgresql+asyncpg://...}, {@code sqlite:///rel.db}, {@code sqlite:////abs.db}, {@code
 * sqlite://}) and {@code jdbc:} URLs ({@code jdbc:postgresql://h/db?user=u}, {@code
 * jdbc:sqlserver://h:1433;databaseName=db}, {@code jdbc:sqlite:app.db}). User and password found in
 * {@code jdbc:} parameters are lifted into {@link #user()} and {@link #password()}, so every
 * rendering can mask them. Unix-socket hosts ({@code ?host=/path}, {@code ?unix_socket=/path}) are
 * lifted into {@link #socket()}.
 *
 * <pre>{@code
 * DatabaseUrl url = DatabaseUrl.parse("postgres://app:s3cret@db:5432/shop");
 * url.database();   // "shop"
 * url.toString();   // "postgres://app:***@db:5432/shop"
 * }</pre>
 *
 * <p>{@link #toString()} never shows the password.
 *
 * @since 0.1
 */
public final class DatabaseUrl {
  /** What every rendering shows in place of a password. */
  public static final String MASK = "***";

  private static final List<String> SOCKET_PARAMS = List.of("unix_socket", "unix_sock", "socket");

  private final String scheme;
  private final String driver;
  private final boolean jdbc;
  private final String user;
  private final String password;
  private final List<HostPort> hosts;
  private final String socket;
  private final String database;
  private final Map<String, String> params;

  private DatabaseUrl(Builder b) {
    this.scheme = Objects.requireNonNull(b.scheme, "scheme").toLowerCase(Locale.ROOT);
    this.driver = b.driver;
    this.jdbc = b.jdbc;
    this.user = b.user;
    this.password = b.password;
    this.hosts = List.copyOf(b.hosts);
    this.socket = b.socket;
    this.database = b.database;
    this.params = Collections.unmodifiableMap(new LinkedHashMap<>(b.params));
  }

  /**
   * Parses {@code text}. A malformed URL is a {@link ConfigException} whose message shows the URL
   * with the password masked.
   */
  public static DatabaseUrl parse(String text) {
    return UrlParser.parse(text);
  }

  public static Builder builder(String scheme) {
    return new Builder(scheme);
  }

  public Builder toBuilder() {
    Builder b = new Builder(scheme);
    b.driver = driver;
    b.jdbc = jdbc;
    b.user = user;
    b.password = password;
    b.hosts.addAll(hosts);
    b.socket = socket;
    b.database = database;
    b.params.putAll(params);
    return b;
  }

  /** The scheme as written, lower-case, without driver suffix ({@code postgres}, {@code mysql}). */
  public String scheme() {
    return scheme;
  }

  /** The driver suffix of {@code scheme+driver://}, such as {@code asyncpg}; may be absent. */
  public Optional<String> driver() {
    return Optional.ofNullable(driver);
  }

  /** Whether the URL was given as a {@code jdbc:} URL. */
  public boolean isJdbc() {
    return jdbc;
  }

  public Optional<String> user() {
    return Optional.ofNullable(user);
  }

  /** The password, decoded. Never log it; every rendering of this type masks it. */
  public Optional<String> password() {
    return Optional.ofNullable(password);
  }

  public List<HostPort> hosts() {
    return hosts;
  }

  /** The first host, if any. */
  public Optional<HostPort> host() {
    return hosts.isEmpty() ? Optional.empty() : Optional.of(hosts.get(0));
  }

  /** A Unix-socket directory or file to connect through instead of TCP. */
  public Optional<String> socket() {
    return Optional.ofNullable(socket);
  }

  /**
   * The database: a name for server databases, a file path for SQLite and DuckDB (relative unless
   * it starts with {@code /}), {@code db/schema} for Snowflake. Absent for {@code sqlite://}.
   */
  public Optional<String> database() {
    return Optional.ofNullable(database).filter(d -> !d.isEmpty());
  }

  /** Query parameters in the order given, decoded. */
  public Map<String, String> params() {
    return params;
  }

  /** The parameter {@code name}, compared without regard to case. */
  public Optional<String> param(String name) {
    for (Map.Entry<String, String> e : params.entrySet()) {
      if (e.getKey().equalsIgnoreCase(name)) {
        return Optional.of(e.getValue());
      }
    }
    return Optional.empty();
  }

  /**
   * Renders this URL in SQLAlchemy form with the given scheme (dialects pass their canonical name,
   * so {@code postgres://} renders as {@code postgresql://}). {@code socketParam} names the query
   * parameter that carries {@link #socket()}.
   */
  public String render(String canonicalScheme, String socketParam, boolean maskPassword) {
    StringBuilder out = new StringBuilder(64);
    out.append(canonicalScheme);
    if (driver != null) {
      out.append('+').append(driver);
    }
    out.append("://");
    if (user != null || password != null) {
      if (user != null) {
        out.append(PercentCodec.encode(user, PercentCodec.USERINFO_SAFE));
      }
      if (password != null) {
        out.append(':')
            .append(
                maskPassword ? MASK : PercentCodec.encode(password, PercentCodec.USERINFO_SAFE));
      }
      out.append('@');
    }
    for (int i = 0; i < hosts.size(); i++) {
      out.append(i == 0 ? "" : ",").append(hosts.get(i).render());
    }
    if (database != null) {
      out.append('/').append(PercentCodec.encode(database, PercentCodec.PATH_SAFE));
    }
    Map<String, String> query = new LinkedHashMap<>(params);
    if (socket != null) {
      query.put(socketParam, socket);
    }
    char sep = '?';
    for (Map.Entry<String, String> e : query.entrySet()) {
      out.append(sep).append(PercentCodec.encode(e.getKey(), PercentCodec.QUERY_SAFE)).append('=');
      out.append(
          maskPassword && isSecretParameter(e.getKey())
              ? MASK
              : PercentCodec.encode(e.getValue(), PercentCodec.QUERY_SAFE));
      sep = '&';
    }
    return out.toString();
  }

  private static final List<String> SECRET_WORDS =
      List.of("password", "passwd", "pwd", "secret", "token", "credential", "passphrase");

  /**
   * Whether a query parameter's name says it holds a secret ({@code password}, {@code
   * trustStorePassword}, {@code sslpassword}, {@code authToken}, ...): masked wherever a URL is
   * shown, like the password of the user-info part.
   */
  public static boolean isSecretParameter(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return SECRET_WORDS.stream().anyMatch(lower::contains);
  }

  /** The URL in its own scheme with the password masked. */
  @Override
  public String toString() {
    String shown = jdbc ? "jdbc:" + scheme : scheme;
    return render(shown, "host", true);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof DatabaseUrl other)) {
      return false;
    }

    return jdbc == other.jdbc
        && scheme.equals(other.scheme)
        && Objects.equals(driver, other.driver)
        && Objects.equals(user, other.user)
        && Objects.equals(password, other.password)
        && hosts.equals(other.hosts)
        && Objects.equals(socket, other.socket)
        && Objects.equals(database, other.database)
        && params.equals(other.params);
  }

  @Override
  public int hashCode() {
    return Objects.hash(scheme, driver, jdbc, user, hosts, socket, database, params);
  }

  /** Assembles a {@link DatabaseUrl} in code or from parts. */
  public static final class Builder {
    private String scheme;
    private String driver;
    private boolean jdbc;
    private String user;
    private String password;
    private final List<HostPort> hosts = new ArrayList<>();
    private String socket;
    private String database;
    private final Map<String, String> params = new LinkedHashMap<>();

    private Builder(String scheme) {
      this.scheme = scheme;
    }

    public Builder scheme(String value) {
      this.scheme = value;
      return this;
    }

    public Builder driver(String value) {
      this.driver = value == null || value.isBlank() ? null : value.toLowerCase(Locale.ROOT);
      return this;
    }

    public Builder jdbc(boolean value) {
      this.jdbc = value;
      return this;
    }

    public Builder user(String value) {
      this.user = value;
      return this;
    }

    public Builder password(String value) {
      this.password = value;
      return this;
    }

    public Builder host(String host, Integer port) {
      this.hosts.add(new HostPort(host, port));
      return this;
    }

    public Builder clearHosts() {
      this.hosts.clear();
      return this;
    }

    public Builder socket(String value) {
      this.socket = value;
      return this;
    }

    public Builder database(String value) {
      this.database = value;
      return this;
    }

    /** Sets a parameter; socket parameters become {@link #socket(String)}. */
    public Builder param(String name, String value) {
      String lower = name.toLowerCase(Locale.ROOT);
      if (SOCKET_PARAMS.contains(lower) || (lower.equals("host") && value.startsWith("/"))) {
        this.socket = value;
      } else if (lower.equals("user") && user == null) {
        this.user = value;
      } else if (lower.equals("password") && password == null) {
        this.password = value;
      } else {
        params.put(name, value);
      }
      return this;
    }

    public Builder removeParam(String name) {
      params.keySet().removeIf(k -> k.equalsIgnoreCase(name));
      return this;
    }

    public DatabaseUrl build() {
      return new DatabaseUrl(this);
    }
  }
}
