package org.liaison.gateway.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * The login form, until the web pages of a later issue: posts the account name and password to
 * {@code /login} with the session's CSRF token, which the login itself requires (so that another
 * site cannot log a browser into an account of its choosing).
 */
@RestController
public class LoginPage {

  @GetMapping(path = "/login", produces = MediaType.TEXT_HTML_VALUE)
  String form(HttpServletRequest request) {
    String csrf = "";
    if (request.getAttribute(CsrfToken.class.getName()) instanceof CsrfToken token) {
      csrf =
          "<input type=\"hidden\" name=\""
              + HtmlUtils.htmlEscape(token.getParameterName())
              + "\" value=\""
              + HtmlUtils.htmlEscape(token.getToken())
              + "\">";
    }
    return """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>Liaison: log in</title></head>
        <body><form method="post" action="/login">
        <label>Account <input name="username" autocomplete="username" required></label>
        <label>Password <input type="password" name="password" autocomplete="current-password"
         required></label>
        %s
        <button type="submit">Log in</button>
        </form></body></html>
        """
        .formatted(csrf);
  }
}
