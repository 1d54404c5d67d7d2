package dev.svcinfra.javalin;

import io.javalin.config.JavalinState;
import io.javalin.http.HttpStatus;
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
 * ambiguous URI, oversized headers), as problem+json without Jetty's HTML page, exception
 * names or stack traces.
 */
final class ErrorPages extends ErrorHandler {
  private ErrorPages() {
    setShowStacks(false);
    setShowCauses(false);
  }

  static void install(JavalinState state) {
    state.jetty.modifyServer(server -> server.setErrorHandler(new ErrorPages()));
  }

  @Override
  protected void generateResponse(Request request, Response response, int code, String message,
      Throwable cause, Callback callback) throws IOException {
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, Problem.CONTENT_TYPE);
    Content.Sink.write(response, true, body(code, request.getHttpURI().getPath()), callback);
  }

  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    fields.put(new HttpField(HttpHeader.CONTENT_TYPE, Problem.CONTENT_TYPE));
    return ByteBuffer.wrap(body(status, null).getBytes(StandardCharsets.UTF_8));
  }

  private static String body(int code, String path) {
    var node = JsonCodec.MAPPER.createObjectNode();
    node.put("type", "about:blank");
    node.put("title", HttpStatus.forStatus(code).getMessage());
    node.put("status", code);
    node.put("detail", code >= 500 ? "the request failed" : "the request is malformed");
    if (path != null) {
      node.put("instance", path);
    }
    node.put("code", code >= 500 ? ProblemMapper.INTERNAL : "bad_request");
    return JsonCodec.write(node);
  }
}
