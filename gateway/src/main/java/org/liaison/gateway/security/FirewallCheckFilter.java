package org.liaison.gateway.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads every header once, first in the security filter chain, so that the firewall refuses a bad
 * one there (and {@link FirewallRejections} answers), not when a controller reads it later: the
 * firewall checks a header's value only when it is read, and a refusal thrown inside a controller
 * would be an unexpected error (500) whose message quotes the value.
 */
final class FirewallCheckFilter extends OncePerRequestFilter {

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    for (String name : Collections.list(request.getHeaderNames())) {
      Collections.list(request.getHeaders(name));
    }
    chain.doFilter(request, response);
  }
}
