package org.liaison.gateway.security;

import java.time.Instant;
import java.util.List;

/**
 * One entry of the security-event trail: a refused authentication or a denial. Never a secret: the
 * account name when known, the units the event concerns, the way in, a reason code, and where the
 * request came from.
 *
 * @param kind AUTHENTICATION_FAILED or ACCESS_DENIED
 * @param units the units the event concerns, sorted; none for a gateway-wide event
 */
public record SecurityEvent(
    long id,
    Instant occurredAt,
    String kind,
    String code,
    String account,
    List<String> units,
    String wayIn,
    String remoteAddress,
    String method,
    String path) {

  public static final String AUTHENTICATION_FAILED = "AUTHENTICATION_FAILED";
  public static final String ACCESS_DENIED = "ACCESS_DENIED";

  public SecurityEvent {
    units = List.copyOf(units);
  }

  SecurityEvent withUnits(List<String> concerned) {
    return new SecurityEvent(
        id, occurredAt, kind, code, account, concerned, wayIn, remoteAddress, method, path);
  }
}
