package dev.svcinfra.javalin;

import dev.svcinfra.sql.Database;
import dev.svcinfra.sql.StatementEvent;
import dev.svcinfra.sql.StatementListener;
import io.javalin.http.Context;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * OpenTelemetry spans for requests (SERVER, parent from the W3C {@code traceparent} header) and for
 * each SQL statement run while serving one (CLIENT, children of the request span). Only loaded when
 * the OpenTelemetry API is on the classpath; with the API alone (no SDK or agent) every span is a
 * no-op.
 *
 * <p>Attributes follow the stable semantic conventions ({@code http.request.method}, {@code
 * http.route}, {@code http.response.status_code}; {@code db.system.name}, {@code
 * db.operation.name}, {@code db.collection.name}, {@code db.query.text}) and, for statements, also
 * carry the older names {@code db.system}, {@code db.operation}, {@code db.sql.table} and {@code
 * db.statement} that many backends still chart (issue 21; docs/observability.md). Statement text
 * never holds a bind value: see {@link SqlText}.
 */
final class RequestTracing implements RequestObserver, StatementListener {
  private static final String SPAN = "svc-infra.span";
  private static final String SCOPE = "svc-infra.span-scope";

  private static final AttributeKey<String> HTTP_METHOD =
      AttributeKey.stringKey("http.request.method");
  private static final AttributeKey<String> HTTP_ROUTE = AttributeKey.stringKey("http.route");
  private static final AttributeKey<Long> HTTP_STATUS =
      AttributeKey.longKey("http.response.status_code");
  private static final AttributeKey<String> URL_PATH = AttributeKey.stringKey("url.path");
  private static final AttributeKey<String> DB_SYSTEM = AttributeKey.stringKey("db.system");
  private static final AttributeKey<String> DB_SYSTEM_NAME =
      AttributeKey.stringKey("db.system.name");
  private static final AttributeKey<String> DB_OPERATION = AttributeKey.stringKey("db.operation");
  private static final AttributeKey<String> DB_OPERATION_NAME =
      AttributeKey.stringKey("db.operation.name");
  private static final AttributeKey<String> DB_TABLE = AttributeKey.stringKey("db.sql.table");
  private static final AttributeKey<String> DB_COLLECTION =
      AttributeKey.stringKey("db.collection.name");
  private static final AttributeKey<String> DB_STATEMENT = AttributeKey.stringKey("db.statement");
  private static final AttributeKey<String> DB_QUERY_TEXT = AttributeKey.stringKey("db.query.text");
  private static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

  private static final TextMapGetter<Context> HEADERS =
      new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Context ctx) {
          return ctx.headerMap().keySet();
        }

        @Override
        public String get(Context ctx, String key) {
          return ctx == null ? null : ctx.header(key);
        }
      };

  /**
   * Taken from {@link GlobalOpenTelemetry} at the first span, not when the app is created: the
   * first {@code GlobalOpenTelemetry.get()} freezes the global instance, and a service may set up
   * its SDK after creating the app.
   */
  private volatile Tracer tracer;

  private final Database database;
  private final String system;
  private final String legacySystem;
  private final Clock clock = Clock.systemUTC();

  RequestTracing(Database database) {
    this.database = database;
    String dialect = database.dialect().name();
    this.system = systemName(dialect);
    this.legacySystem = dialect; // the old db.system values match our dialect names
    database.addStatementListener(this);
  }

  /** The stable {@code db.system.name} value for a dialect. */
  static String systemName(String dialect) {
    return switch (dialect) {
      case "postgresql", "mariadb", "mysql", "sqlite" -> dialect;
      case "mssql" -> "microsoft.sql_server";
      case "h2" -> "h2database";
      default -> "other_sql";
    };
  }

  // The scope opens in the before-handler and closes in the after-handler of the same request, on
  // the same thread (RequestObservers): no try-with-resources can span Javalin's two handlers.
  @SuppressWarnings("MustBeClosedChecker")
  @Override
  public void started(Context ctx) {
    io.opentelemetry.context.Context parent =
        W3CTraceContextPropagator.getInstance()
            .extract(io.opentelemetry.context.Context.root(), ctx, HEADERS);
    String method = ctx.method().name();
    Span span =
        tracer()
            .spanBuilder(method)
            .setParent(parent)
            .setSpanKind(SpanKind.SERVER)
            .setAttribute(HTTP_METHOD, method)
            .setAttribute(URL_PATH, ctx.path())
            .startSpan();
    ctx.attribute(SPAN, span);
    ctx.attribute(SCOPE, span.makeCurrent());
  }

  @Override
  public void finished(Context ctx, String route, long nanos) {
    Span span = ctx.attribute(SPAN);
    Scope scope = ctx.attribute(SCOPE);
    if (span == null) {
      return;
    }
    int status = ctx.statusCode();
    span.updateName(ctx.method().name() + " " + route);
    span.setAttribute(HTTP_ROUTE, route);
    span.setAttribute(HTTP_STATUS, (long) status);
    if (status >= 500) {
      span.setStatus(StatusCode.ERROR);
      span.setAttribute(ERROR_TYPE, Integer.toString(status));
    }
    span.end();
    if (scope != null) {
      scope.close();
    }
  }

  @Override
  public void statementFinished(StatementEvent e) {
    Instant end = clock.instant();
    long endNanos = TimeUnit.SECONDS.toNanos(end.getEpochSecond()) + end.getNano();
    String operation = e.operation();
    SpanBuilder builder =
        tracer()
            .spanBuilder(e.table() == null ? operation : operation + " " + e.table())
            .setSpanKind(SpanKind.CLIENT)
            .setStartTimestamp(endNanos - e.nanos(), TimeUnit.NANOSECONDS)
            .setAttribute(DB_SYSTEM_NAME, system)
            .setAttribute(DB_SYSTEM, legacySystem)
            .setAttribute(DB_OPERATION_NAME, operation)
            .setAttribute(DB_OPERATION, operation);
    if (e.table() != null) {
      builder.setAttribute(DB_COLLECTION, e.table()).setAttribute(DB_TABLE, e.table());
    }
    String text = SqlText.masked(e.sql());
    Span span =
        builder.setAttribute(DB_QUERY_TEXT, text).setAttribute(DB_STATEMENT, text).startSpan();
    if (e.failure() != null) {
      // The code only: a driver's message may quote the offending value.
      String code = e.failure().code().wireName();
      span.setStatus(StatusCode.ERROR, code);
      span.setAttribute(ERROR_TYPE, code);
    }
    span.end(endNanos, TimeUnit.NANOSECONDS);
  }

  private Tracer tracer() {
    Tracer t = tracer;
    if (t == null) {
      t = GlobalOpenTelemetry.get().getTracer("dev.svcinfra");
      tracer = t;
    }
    return t;
  }

  void close() {
    database.removeStatementListener(this);
  }
}
