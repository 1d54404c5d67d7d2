package dev.svcinfra.javalin;

import dev.svcinfra.ErrorCode;
import io.javalin.config.JavalinState;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty answers itself, before a request reaches Javalin (a malformed request line, an
 * ambiguous URI, oversized headers), as problem+json without Jetty's HTML page, exception names or
 * stack traces.
 */
final class ErrorPages extends ErrorHandler {
  private ErrorPages() {
    setShowStacks(false);
    setShowCauses(false);
  }

  static void install(JavalinState state) {
    state.jetty.modifyServer(server -> server.setErrorHandler(new ErrorPages()));
  }

  /**
   * Jetty writes error bodies only for GET, POST and HEAD by default; a PATCH, PUT or DELETE with
   * oversized headers would get an empty 431. Every method gets the problem body.
   */
  @Override
  public boolean errorPageForMethod(String method) {
    return true;
  }

  /**
   * Every answer carries {@code X-Request-Id} like routed ones (issue 16): the request's own
   * well-formed id when its headers were read, else a new one.
   */
  @Override
  protected void generateResponse(
      Request request,
      Response response,
      int code,
      String message,
      Throwable cause,
      Callback callback)
      throws IOException {
    String id = RequestIds.accept(request.getHeaders().get(RequestIds.HEADER));
    response.getHeaders().put(RequestIds.HEADER, id);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, Problem.CONTENT_TYPE);
    Content.Sink.write(response, true, body(code, request.getHttpURI().getPath(), id), callback);
  }

  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    String id = RequestIds.newId();
    fields.put(new HttpField(RequestIds.HEADER, id));
    fields.put(new HttpField(HttpHeader.CONTENT_TYPE, Problem.CONTENT_TYPE));
    return ByteBuffer.wrap(body(status, null, id).getBytes(StandardCharsets.UTF_8));
  }

  private static String body(int code, String path, String requestId) {
    var body =
        Problem.body(
            code,
            code >= 500 ? ErrorCode.INTERNAL_ERROR : ErrorCode.BAD_REQUEST,
            code >= 500 ? "the request failed" : "the request is malformed",
            path);
    if (code >= 500) {
      body.put("request_id", requestId);
    }
    return JsonCodec.write(body);
  }
}
