package org.liaison.gateway.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.liaison.schemas.UnitId;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;

/**
 * Every 403 from Spring Security: a role the endpoint does not grant, or a state-changing request
 * of a login session without its CSRF token. A problem document with a code, and a row in the trail
 * for the auditors of the account's units and of the hosted unit the request asked for.
 */
final class ProblemAccessDenied implements AccessDeniedHandler {

  private final SecurityEvents events;

  ProblemAccessDenied(SecurityEvents events) {
    this.events = events;
  }

  @Override
  public void handle(
      HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
      throws IOException {
    String code = record(request, denied);
    String detail =
        denied instanceof CsrfException
            ? "A state-changing request of a login session needs the CSRF token"
                + " (X-CSRF-TOKEN header or _csrf form field)"
            : "Your roles do not include one this endpoint grants";
    ProblemResponses.write(request, response, HttpStatus.FORBIDDEN, code, detail);
  }

  /** Records the refusal in the trail and answers its code: CSRF_TOKEN_INVALID or ACCESS_DENIED. */
  String record(HttpServletRequest request, AccessDeniedException denied) {
    Authentication who = SecurityContextHolder.getContext().getAuthentication();
    String account = null;
    WayIn way = null;
    Set<UnitId> units = Set.of();
    if (who instanceof AccountAuthentication a) {
      account = a.getName();
      way = a.way();
      units = events.concerning(a.account().units(), request);
    }
    String code = denied instanceof CsrfException ? "CSRF_TOKEN_INVALID" : "ACCESS_DENIED";
    events.record(SecurityEvent.ACCESS_DENIED, code, account, way, units, request);
    return code;
  }
}
