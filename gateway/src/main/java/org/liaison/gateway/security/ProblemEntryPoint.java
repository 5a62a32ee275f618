package org.liaison.gateway.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.liaison.schemas.UnitId;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * Every 401: no credentials, or credentials refused by any way in. Answers a problem document with
 * the refusal's code and records it in the trail, for the auditors of the refused account's units
 * when the gateway knows the account, else for the gateway's auditor. Also the failure handler of
 * login and of bearer tokens, so that all three ways in refuse alike.
 */
final class ProblemEntryPoint implements AuthenticationEntryPoint, AuthenticationFailureHandler {

  private final SecurityEvents events;

  ProblemEntryPoint(SecurityEvents events) {
    this.events = events;
  }

  @Override
  public void commence(
      HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
      throws IOException {
    refuse(request, response, e);
  }

  @Override
  public void onAuthenticationFailure(
      HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
      throws IOException {
    refuse(request, response, e);
  }

  private void refuse(
      HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
      throws IOException {
    Refusal refusal = record(request, e);
    if (refusal.way() == WayIn.BEARER_TOKEN) {
      response.setHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
    } else if (refusal.way() == null) {
      response.setHeader("WWW-Authenticate", "Bearer");
    }
    ProblemResponses.write(
        request, response, HttpStatus.UNAUTHORIZED, refusal.code(), refusal.detail());
  }

  /** What a refused caller is told: a code (never whether an account is locked) and a detail. */
  record Refusal(String code, String detail, WayIn way) {}

  /** Records the refusal in the trail and says what the caller may be told of it. */
  Refusal record(HttpServletRequest request, AuthenticationException e) {
    String code = "NOT_AUTHENTICATED";
    String answered = null;
    String detail = "Authenticate with a client certificate, a bearer token or a login session";
    String account = null;
    Set<UnitId> units = Set.of();
    WayIn way = null;
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof CodedAuthenticationException coded) {
        code = coded.code();
        answered = coded.answeredCode();
        detail = coded.getMessage();
        account = coded.account();
        units = coded.units();
        way = coded.way();
        break;
      }
      if (cause instanceof RefusedToken token) {
        code = token.code();
        detail = token.getMessage();
        way = WayIn.BEARER_TOKEN;
        break;
      }
      if (cause instanceof InvalidBearerTokenException) {
        code = "TOKEN_INVALID";
        detail = "The bearer token is not valid";
        way = WayIn.BEARER_TOKEN;
      }
    }
    // Only what the refuser vouches for tags the event (a configured account's units); never the
    // Liaison-Unit header of a request nobody authenticated, which anyone could write.
    events.record(SecurityEvent.AUTHENTICATION_FAILED, code, account, way, units, request);
    return new Refusal(answered == null ? code : answered, detail, way);
  }
}
