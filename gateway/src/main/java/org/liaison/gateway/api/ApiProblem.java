package org.liaison.gateway.api;

import java.util.Map;
import java.util.Objects;
import org.springframework.http.HttpStatus;

/**
 * An error the API answers with: an HTTP status, a stable code, a human detail, and optional extra
 * members (the list of violations of a refused notice, say). Thrown by controllers and services;
 * {@link ProblemHandler} writes it as {@code application/problem+json}.
 */
public class ApiProblem extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final HttpStatus status;
  private final String code;
  private final transient Map<String, Object> properties;
  private final long retryAfterSeconds;

  public ApiProblem(HttpStatus status, String code, String detail) {
    this(status, code, detail, Map.of());
  }

  public ApiProblem(HttpStatus status, String code, String detail, Map<String, Object> properties) {
    this(status, code, detail, properties, 0);
  }

  /** A problem answered with {@code Retry-After: retryAfterSeconds} when that is positive. */
  public ApiProblem(
      HttpStatus status,
      String code,
      String detail,
      Map<String, Object> properties,
      long retryAfterSeconds) {
    super(detail, null, false, false);
    this.status = Objects.requireNonNull(status, "status");
    this.code = Objects.requireNonNull(code, "code");
    this.properties = Map.copyOf(properties);
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /** The seconds to wait before retrying, or 0 when the answer says nothing of it. */
  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }

  public HttpStatus status() {
    return status;
  }

  public String code() {
    return code;
  }

  public Map<String, Object> properties() {
    return properties;
  }

  /** 404 with code {@code NOT_FOUND}: also what a caller gets for what is not theirs to see. */
  public static ApiProblem notFound(String what) {
    return new ApiProblem(HttpStatus.NOT_FOUND, "NOT_FOUND", what + " not found");
  }
}
