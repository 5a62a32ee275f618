package org.liaison.gateway.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.springframework.security.web.header.HeaderWriter;
import org.springframework.security.web.header.writers.CacheControlHeadersWriter;
import org.springframework.security.web.header.writers.ContentSecurityPolicyHeaderWriter;
import org.springframework.security.web.header.writers.HstsHeaderWriter;
import org.springframework.security.web.header.writers.XContentTypeOptionsHeaderWriter;
import org.springframework.security.web.header.writers.XXssProtectionHeaderWriter;
import org.springframework.security.web.header.writers.frameoptions.XFrameOptionsHeaderWriter;

/**
 * The security headers of every answer, for the refusals written where Spring Security's header
 * filter has not run: the firewall's (which refuses before the filters) and the servlet container's
 * (a request it cannot parse never reaches them). The same writers, with the same settings, as the
 * filter chain's; each leaves a header that is already there alone.
 */
final class EdgeHeaders {

  private static final List<HeaderWriter> WRITERS =
      List.of(
          new XContentTypeOptionsHeaderWriter(),
          new XXssProtectionHeaderWriter(),
          new CacheControlHeadersWriter(),
          new HstsHeaderWriter(),
          new XFrameOptionsHeaderWriter(XFrameOptionsHeaderWriter.XFrameOptionsMode.DENY),
          new ContentSecurityPolicyHeaderWriter(SecurityConfiguration.CONTENT_SECURITY_POLICY));

  private EdgeHeaders() {}

  static void write(HttpServletRequest request, HttpServletResponse response) {
    WRITERS.forEach(w -> w.writeHeaders(request, response));
  }
}
