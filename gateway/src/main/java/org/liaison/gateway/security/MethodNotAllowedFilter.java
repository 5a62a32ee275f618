package org.liaison.gateway.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.springframework.http.HttpStatus;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * 405 with the {@code Allow} header for a method that no endpoint of the path takes (PUT on {@code
 * /api/v1/notices}, say), before the endpoint rules, which deny by default and would answer 403.
 * After the ways in: the login and logout filters answer their own paths, which have no endpoint
 * for POST, and refused credentials stay a 401. Asks Spring MVC's own mapping, so that a method
 * that gets an endpoint later is no longer caught here and meets its endpoint rule (or the default
 * denial) instead.
 */
final class MethodNotAllowedFilter extends OncePerRequestFilter {

  private final Supplier<RequestMappingHandlerMapping> mappings;

  MethodNotAllowedFilter(Supplier<RequestMappingHandlerMapping> mappings) {
    this.mappings = mappings;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Set<String> allowed = allowedInstead(request);
    if (allowed == null) {
      chain.doFilter(request, response);
      return;
    }
    response.setHeader("Allow", String.join(", ", allowed));
    ProblemResponses.write(
        request,
        response,
        HttpStatus.METHOD_NOT_ALLOWED,
        "METHOD_NOT_ALLOWED",
        "This method is not allowed here; allowed: " + String.join(", ", allowed));
  }

  /** The methods the path takes when the request's is not among them; else null. */
  private Set<String> allowedInstead(HttpServletRequest request) {
    Object parsed = request.getAttribute(ServletRequestPathUtils.PATH_ATTRIBUTE);
    ServletRequestPathUtils.parseAndCache(request);
    try {
      mappings.get().getHandler(request);
      return null;
    } catch (HttpRequestMethodNotSupportedException e) {
      String[] supported = e.getSupportedMethods();
      return supported == null ? null : new TreeSet<>(Arrays.asList(supported));
    } catch (Exception e) {
      // Anything else (no such path, a media type) is for the rest of the chain to answer.
      return null;
    } finally {
      if (parsed == null) {
        ServletRequestPathUtils.clearParsedRequestPath(request);
      } else {
        request.setAttribute(ServletRequestPathUtils.PATH_ATTRIBUTE, parsed);
      }
    }
  }
}
