package org.liaison.gateway.security;

import java.time.Instant;

/**
 * One entry of the security-event trail: a refused authentication or a denial. Never a secret: the
 * account name when known, the way in, a reason code, and where the request came from.
 *
 * @param kind AUTHENTICATION_FAILED or ACCESS_DENIED
 */
public record SecurityEvent(
    long id,
    Instant occurredAt,
    String kind,
    String code,
    String account,
    String wayIn,
    String remoteAddress,
    String method,
    String path) {

  public static final String AUTHENTICATION_FAILED = "AUTHENTICATION_FAILED";
  public static final String ACCESS_DENIED = "ACCESS_DENIED";
}
