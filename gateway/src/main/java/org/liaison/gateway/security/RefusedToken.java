package org.liaison.gateway.security;

import org.springframework.security.oauth2.jwt.BadJwtException;

/**
 * A bearer token refused for a reason with its own code (TOKEN_EXPIRED, TOKEN_WRONG_ISSUER...).
 * Spring Security wraps it in its own exception; the entry point finds it among the causes.
 */
final class RefusedToken extends BadJwtException {

  private static final long serialVersionUID = 1L;

  private final String code;

  RefusedToken(String code, String detail) {
    super(detail);
    this.code = code;
  }

  String code() {
    return code;
  }
}
