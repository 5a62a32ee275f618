package org.liaison.gateway.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * A request Spring Security's firewall refuses (a header name or value with control or non-ASCII
 * characters, an encoded slash or NUL in the path, a method it does not know): 400 with a problem
 * document and the security headers, the firewall running before the filter that writes them. The
 * firewall's message quotes the refused value, so neither the answer nor the log carries it.
 */
final class FirewallRejections implements RequestRejectedHandler {

  private static final Logger log = LoggerFactory.getLogger(FirewallRejections.class);

  @Override
  public void handle(
      HttpServletRequest request, HttpServletResponse response, RequestRejectedException rejected)
      throws IOException {
    String code = code(rejected);
    log.info("Request refused by the firewall: code={}", code);
    EdgeHeaders.write(request, response);
    ProblemResponses.write(
        request,
        response,
        HttpStatus.BAD_REQUEST,
        code,
        code.equals("BAD_HEADER")
            ? "A header name or value holds characters the gateway does not accept"
            : "The request's path, method or parameters hold what the gateway does not accept");
  }

  /**
   * BAD_HEADER or REQUEST_REJECTED. The firewall says which in its message only (one exception type
   * for every rejection); its wording is stable across Spring Security's versions, and the
   * hostile-input test pins both cases.
   */
  static String code(RequestRejectedException rejected) {
    String message = rejected.getMessage();
    return message != null && message.startsWith("The request was rejected because the header")
        ? "BAD_HEADER"
        : "REQUEST_REJECTED";
  }
}
