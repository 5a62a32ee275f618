package org.liaison.gateway.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.csrf.CsrfToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers a successful login with who is now signed in and the session's CSRF token, which every
 * state-changing request of the session must send back (the web pages of a later issue put it in
 * their forms). The session itself is the {@code Secure}, {@code HttpOnly}, {@code SameSite}
 * cookie.
 */
final class LoginSuccess implements AuthenticationSuccessHandler {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Override
  public void onAuthenticationSuccess(
      HttpServletRequest request, HttpServletResponse response, Authentication authentication)
      throws IOException {
    Account account = ((AccountAuthentication) authentication).account();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("account", account.name());
    body.put("units", account.units().stream().map(u -> u.value()).sorted().toList());
    body.put("roles", account.roles().stream().map(Enum::name).sorted().toList());
    if (request.getAttribute(CsrfToken.class.getName()) instanceof CsrfToken csrf) {
      body.put(
          "csrf",
          Map.of(
              "headerName", csrf.getHeaderName(),
              "parameterName", csrf.getParameterName(),
              "token", csrf.getToken()));
    }
    response.setStatus(200);
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    response.setCharacterEncoding("UTF-8");
    response.getOutputStream().write(JSON.writeValueAsBytes(body));
  }
}
