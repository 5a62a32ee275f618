package org.liaison.gateway.security;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.liaison.gateway.api.ProblemHandler;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tomcat's error page, as a problem document: what the container answers for a request it refuses
 * before any filter (a request line, path or header it cannot parse, a header too large), and for
 * every error status that nothing else wrote a body for. The gateway has no {@code /error} page
 * (Spring Boot's is switched off), so that this valve is the one place such answers are written.
 * Never the exception's message: it may quote the hostile bytes.
 */
public final class ProblemErrorReportValve extends ErrorReportValve {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  public ProblemErrorReportValve() {
    setShowReport(false);
    setShowServerInfo(false);
  }

  @Override
  protected void report(Request request, Response response, Throwable throwable) {
    int status = response.getStatus();
    if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
      return;
    }
    HttpStatus known = HttpStatus.resolve(status);
    String code = ProblemHandler.codeFor(status);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", ProblemHandler.type(code).toString());
    body.put("title", known == null ? "Error" : known.getReasonPhrase());
    body.put("status", status);
    body.put("detail", detail(status));
    body.put("code", code);
    byte[] bytes = JSON.writeValueAsBytes(body);
    try {
      EdgeHeaders.write(request, response);
      response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
      response.setContentLength(bytes.length);
      write(response, bytes);
      response.finishResponse();
    } catch (IOException | IllegalStateException e) {
      // The connection is gone or the answer already started: nothing more can be said.
    }
  }

  private static void write(Response response, byte[] bytes) throws IOException {
    try {
      OutputStream out = response.getOutputStream();
      out.write(bytes);
      out.flush();
    } catch (IllegalStateException writerInUse) {
      Writer writer = response.getReporter();
      if (writer != null) {
        writer.write(new String(bytes, StandardCharsets.UTF_8));
        writer.flush();
      }
    }
  }

  private static String detail(int status) {
    return switch (status) {
      case 400 -> "The request is not well-formed: its request line, a header or its path";
      case 404 -> "Nothing here";
      case 413, 414, 431 -> "The request is larger than the gateway accepts";
      default ->
          status >= 500
              ? "The gateway could not complete the request"
              : "The gateway refuses the request";
    };
  }
}
