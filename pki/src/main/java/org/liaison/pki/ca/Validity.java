package org.liaison.pki.ca;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/** A certificate's validity period, in whole seconds as X.509 encodes it. */
public record Validity(Instant notBefore, Instant notAfter) {
  public Validity {
    notBefore = Objects.requireNonNull(notBefore, "notBefore").truncatedTo(ChronoUnit.SECONDS);
    notAfter = Objects.requireNonNull(notAfter, "notAfter").truncatedTo(ChronoUnit.SECONDS);
    if (!notAfter.isAfter(notBefore)) {
      throw new IllegalArgumentException("notAfter must be after notBefore");
    }
  }

  /** From {@code start} for {@code length}. */
  public static Validity starting(Instant start, Duration length) {
    return new Validity(start, start.plus(length));
  }

  /** This period, cut so that it ends no later than {@code limit}. */
  public Validity endingNoLaterThan(Instant limit) {
    return notAfter.isAfter(limit) ? new Validity(notBefore, limit) : this;
  }
}
