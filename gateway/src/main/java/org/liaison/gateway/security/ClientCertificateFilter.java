package org.liaison.gateway.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.liaison.pki.validation.CertificateValidator;
import org.liaison.pki.validation.Purpose;
import org.liaison.pki.validation.ValidationReason;
import org.liaison.pki.validation.ValidationResult;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates a request by the TLS client certificate it came with, if any: the certificate must
 * validate (path to a trust anchor, validity, revocation, key usage for a TLS client) and belong to
 * an account by issuer and subject or issuer and unit URI. A certificate that fails is refused with
 * a code, even if the request also carries other credentials: a police system whose certificate was
 * revoked must not slip in another way on the same connection.
 */
final class ClientCertificateFilter extends OncePerRequestFilter {

  static final String ATTRIBUTE = "jakarta.servlet.request.X509Certificate";
  private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

  private final CertificateValidator validator;
  private final Accounts accounts;
  private final Clock clock;
  private final AuthenticationEntryPoint refusals;

  ClientCertificateFilter(
      CertificateValidator validator,
      Accounts accounts,
      Clock clock,
      AuthenticationEntryPoint refusals) {
    this.validator = validator;
    this.accounts = accounts;
    this.clock = clock;
    this.refusals = refusals;
  }

  /** Whether the request came with a client certificate. */
  static boolean presented(HttpServletRequest request) {
    return request.getAttribute(ATTRIBUTE) instanceof X509Certificate[] chain && chain.length > 0;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (!(request.getAttribute(ATTRIBUTE) instanceof X509Certificate[] presented)
        || presented.length == 0) {
      chain.doFilter(request, response);
      return;
    }
    X509Certificate leaf = presented[0];
    List<X509Certificate> extra = Arrays.asList(presented).subList(1, presented.length);
    ValidationResult result = validator.validate(leaf, extra, Purpose.TLS_CLIENT, clock.instant());
    if (!result.valid()) {
      refusals.commence(
          request,
          response,
          new CodedAuthenticationException(
              code(result.reason()),
              "The client certificate is refused: " + result.reason(),
              WayIn.CLIENT_CERTIFICATE,
              null));
      return;
    }
    if (!forClients(leaf)) {
      refusals.commence(
          request,
          response,
          new CodedAuthenticationException(
              "CLIENT_CERT_WRONG_USAGE",
              "The client certificate is not for TLS clients (extended key usage clientAuth)",
              WayIn.CLIENT_CERTIFICATE,
              null));
      return;
    }
    Optional<Account> account = accounts.holding(leaf);
    if (account.isEmpty()) {
      refusals.commence(
          request,
          response,
          new CodedAuthenticationException(
              "CLIENT_CERT_UNKNOWN",
              "The client certificate is valid but no account is bound to its issuer and subject"
                  + " or unit",
              WayIn.CLIENT_CERTIFICATE,
              null));
      return;
    }
    SecurityContext context = SecurityContextHolder.createEmptyContext();
    context.setAuthentication(new AccountAuthentication(account.get(), WayIn.CLIENT_CERTIFICATE));
    SecurityContextHolder.setContext(context);
    chain.doFilter(request, response);
  }

  /**
   * Whether the certificate is made for TLS clients: the API asks for the clientAuth extended key
   * usage explicitly, so that a unit's signing certificate (digitalSignature, no extended key
   * usage), whose key signs notices, is never also a way into the API.
   */
  private static boolean forClients(X509Certificate leaf) {
    try {
      List<String> usages = leaf.getExtendedKeyUsage();
      return usages != null && usages.contains(CLIENT_AUTH);
    } catch (java.security.cert.CertificateParsingException e) {
      return false;
    }
  }

  static String code(ValidationReason reason) {
    return switch (reason) {
      case EXPIRED -> "CLIENT_CERT_EXPIRED";
      case NOT_YET_VALID -> "CLIENT_CERT_NOT_YET_VALID";
      case REVOKED -> "CLIENT_CERT_REVOKED";
      case WRONG_KEY_USAGE -> "CLIENT_CERT_WRONG_USAGE";
      case REVOCATION_UNKNOWN -> "CLIENT_CERT_REVOCATION_UNKNOWN";
      case MALFORMED -> "CLIENT_CERT_MALFORMED";
      default -> "CLIENT_CERT_UNTRUSTED";
    };
  }
}
