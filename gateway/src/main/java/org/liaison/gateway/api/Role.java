package org.liaison.gateway.api;

/**
 * What an account may do on the API. Each endpoint grants what it needs and nothing else is
 * allowed; the rules are in {@code org.liaison.gateway.security.EndpointRules}. Every role but
 * {@link #GATEWAY_AUDITOR} acts for a unit and sees that unit's resources only.
 */
public enum Role {
  /** Sends notices and follows their receipts. */
  PUBLISHER,
  /** Reads the unit's inbox, marks notices read, and replies (a notice with inReplyTo). */
  OFFICER,
  /** Runs the gateway: quarantine, operations endpoints. */
  ADMIN,
  /** Reads the security-event trail of the unit it acts for. */
  AUDITOR,
  /**
   * Reads the whole gateway's security-event trail: every unit's events and the gateway-wide ones
   * that concern no known unit (an unknown account name, a forged token, an unknown certificate).
   * For the gateway's operator, not for a unit: with several units on one gateway, no unit's
   * auditor may read another's.
   */
  GATEWAY_AUDITOR;

  /** Whether the role is the gateway's rather than a unit's. */
  public boolean gatewayLevel() {
    return this == GATEWAY_AUDITOR;
  }
}
