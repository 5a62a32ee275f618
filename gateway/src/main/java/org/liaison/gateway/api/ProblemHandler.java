package org.liaison.gateway.api;

import java.net.URI;
import java.util.Locale;
import java.util.UUID;
import org.liaison.gateway.outbound.IdempotencyInFlightException;
import org.liaison.gateway.store.DatabaseFailures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Writes every error as {@code application/problem+json} with a stable {@code code}. Spring's own
 * refusals (unreadable JSON, wrong media type, unknown route...) get a code from their status;
 * anything unexpected becomes a 500 with an incident id that the log carries, never the exception's
 * message or stack.
 */
@RestControllerAdvice
public class ProblemHandler extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

  /** The problem type URI of a code: {@code urn:liaison:problem:<code>}. */
  public static URI type(String code) {
    return URI.create("urn:liaison:problem:" + code.toLowerCase(Locale.ROOT).replace('_', '-'));
  }

  @ExceptionHandler(ApiProblem.class)
  ResponseEntity<Object> apiProblem(ApiProblem problem, WebRequest request) {
    ProblemDetail body = problem(problem.status(), problem.code(), problem.getMessage());
    problem.properties().forEach(body::setProperty);
    if (problem.retryAfterSeconds() > 0) {
      return ResponseEntity.status(problem.status())
          .header(HttpHeaders.RETRY_AFTER, Long.toString(problem.retryAfterSeconds()))
          .contentType(MediaType.APPLICATION_PROBLEM_JSON)
          .body(body);
    }
    return respond(body, problem.status());
  }

  /** A twin request holds the Idempotency-Key: retry in a second to get its answer. */
  @ExceptionHandler(IdempotencyInFlightException.class)
  ResponseEntity<Object> inFlight(IdempotencyInFlightException e, WebRequest request) {
    return ResponseEntity.status(HttpStatus.CONFLICT)
        .header(HttpHeaders.RETRY_AFTER, "1")
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(problem(HttpStatus.CONFLICT, "IDEMPOTENCY_KEY_IN_FLIGHT", e.getMessage()));
  }

  /**
   * The firewall checks a parameter or a header only when it is read: one read first by a
   * controller is refused here, as a 400 and without the message, which quotes the value (the
   * security filter chain reads every header before, so this is the rare parameter case).
   */
  @ExceptionHandler(RequestRejectedException.class)
  ResponseEntity<Object> rejected(RequestRejectedException e, WebRequest request) {
    log.info("Request refused by the firewall inside the API: code=REQUEST_REJECTED");
    return respond(
        problem(
            HttpStatus.BAD_REQUEST,
            "REQUEST_REJECTED",
            "The request holds a name or value the gateway does not accept"),
        HttpStatus.BAD_REQUEST);
  }

  /** How long a caller is asked to wait before retrying while the database is unreachable. */
  static final String DATABASE_RETRY_AFTER_SECONDS = "5";

  @ExceptionHandler(Exception.class)
  ResponseEntity<Object> unexpected(Exception e, WebRequest request) {
    if (DatabaseFailures.unavailable(e)) {
      // An outage, not a fault: nothing was acknowledged (a 202 follows the durable commit), so
      // the caller retries, with the same Idempotency-Key, once the database is back.
      log.warn("Database unreachable, request answered 503 DATABASE_UNAVAILABLE: {}", e.toString());
      return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
          .header(HttpHeaders.RETRY_AFTER, DATABASE_RETRY_AFTER_SECONDS)
          .contentType(MediaType.APPLICATION_PROBLEM_JSON)
          .body(
              problem(
                  HttpStatus.SERVICE_UNAVAILABLE,
                  "DATABASE_UNAVAILABLE",
                  "The gateway's database cannot be reached; nothing was accepted. Retry later,"
                      + " with the same Idempotency-Key"));
    }
    String incident = UUID.randomUUID().toString();
    log.error("Unexpected error, incident {}", incident, e);
    ProblemDetail body =
        problem(
            HttpStatus.INTERNAL_SERVER_ERROR,
            "INTERNAL",
            "The gateway could not complete the request; quote incident " + incident);
    body.setProperty("incident", incident);
    return respond(body, HttpStatus.INTERNAL_SERVER_ERROR);
  }

  @Override
  protected ResponseEntity<Object> handleExceptionInternal(
      Exception ex,
      Object body,
      HttpHeaders headers,
      HttpStatusCode statusCode,
      WebRequest request) {
    for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
      // A refusal raised while the body was read (too large, say) arrives wrapped by the parser.
      if (cause instanceof ApiProblem refusal) {
        return apiProblem(refusal, request);
      }
    }
    ProblemDetail problem =
        body instanceof ProblemDetail detail ? detail : ProblemDetail.forStatus(statusCode);
    String code = codeFor(statusCode.value());
    problem.setType(type(code));
    problem.setProperty("code", code);
    if (ex instanceof HttpMessageNotReadableException) {
      // The parser's own message quotes its internals; say what the caller can act on.
      problem.setDetail("The request body is not valid JSON or not of the expected shape");
    }
    HttpHeaders out = new HttpHeaders();
    out.addAll(headers);
    out.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
    return new ResponseEntity<>(problem, out, statusCode);
  }

  /**
   * The code of a refusal known only by its status: Spring's own, and those of the servlet
   * container (a request line, a header or a path it cannot parse, or too large).
   */
  public static String codeFor(int status) {
    return switch (status) {
      case 400 -> "MALFORMED_REQUEST";
      case 404 -> "NOT_FOUND";
      case 405 -> "METHOD_NOT_ALLOWED";
      case 406 -> "NOT_ACCEPTABLE";
      case 413 -> "REQUEST_TOO_LARGE";
      case 414 -> "URI_TOO_LONG";
      case 415 -> "UNSUPPORTED_MEDIA_TYPE";
      case 431 -> "HEADERS_TOO_LARGE";
      default -> status >= 500 ? "INTERNAL" : "REQUEST_REFUSED";
    };
  }

  /** A problem document with its type, title and code, as every refusal of the API is written. */
  public static ProblemDetail problem(HttpStatus status, String code, String detail) {
    ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
    body.setType(type(code));
    body.setTitle(status.getReasonPhrase());
    body.setProperty("code", code);
    return body;
  }

  private static ResponseEntity<Object> respond(ProblemDetail body, HttpStatus status) {
    return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
  }
}
