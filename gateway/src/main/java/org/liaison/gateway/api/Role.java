package org.liaison.gateway.api;

/**
 * What an account may do on the API. Each endpoint grants what it needs and nothing else is
 * allowed; the rules are in {@code org.liaison.gateway.security.EndpointRules}.
 */
public enum Role {
  /** Sends notices and follows their receipts. */
  PUBLISHER,
  /** Reads the unit's inbox, marks notices read, and replies (a notice with inReplyTo). */
  OFFICER,
  /** Runs the gateway: quarantine, operations endpoints. */
  ADMIN,
  /** Reads the security-event trail. */
  AUDITOR
}
