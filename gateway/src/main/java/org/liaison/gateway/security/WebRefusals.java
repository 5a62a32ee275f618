package org.liaison.gateway.security;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * The web pages' refusals, recorded in the same trail as the API's: a failed sign-in goes back to
 * the sign-in page with the answer the API would give (never whether the account is locked); a page
 * the roles do not grant, or a form without its CSRF token, shows the refusal page with 403.
 */
final class WebRefusals implements AuthenticationFailureHandler, AccessDeniedHandler {

  /** The request attribute that tells the refusal page why. */
  static final String REFUSAL_CODE = "liaison.refusal";

  private final ProblemEntryPoint entryPoint;
  private final ProblemAccessDenied accessDenied;

  WebRefusals(SecurityEvents events) {
    this.entryPoint = new ProblemEntryPoint(events);
    this.accessDenied = new ProblemAccessDenied(events);
  }

  @Override
  public void onAuthenticationFailure(
      HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
      throws IOException {
    var refusal = entryPoint.record(request, e);
    response.sendRedirect(request.getContextPath() + "/web/login?error=" + refusal.code());
  }

  @Override
  public void handle(
      HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
      throws IOException, ServletException {
    String code = accessDenied.record(request, denied);
    response.setStatus(HttpServletResponse.SC_FORBIDDEN);
    request.setAttribute(REFUSAL_CODE, code);
    request.getRequestDispatcher("/web/denied").forward(request, response);
  }
}
