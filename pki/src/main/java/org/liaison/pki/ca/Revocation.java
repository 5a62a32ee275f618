package org.liaison.pki.ca;

import java.time.Instant;
import java.util.Objects;

/** That a certificate was revoked, when, and why. */
public record Revocation(RevocationReason reason, Instant revokedAt) {
  public Revocation {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(revokedAt, "revokedAt");
  }
}
