package org.liaison.gateway.directory;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.liaison.pki.directory.VerifiedEntry;

/**
 * A certificate a unit entry of the directory lists, with what an expiry warning needs: the unit,
 * its use (encryption or signing), its serial number (hex) and when it expires.
 */
record SeenCertificate(String unit, String use, String serial, Instant notAfter) {

  /** Every certificate of every unit entry in {@code entries}, in their order. */
  static List<SeenCertificate> in(List<VerifiedEntry> entries) {
    List<SeenCertificate> seen = new ArrayList<>();
    for (VerifiedEntry entry : entries) {
      if (entry.unit().isEmpty()) {
        continue;
      }
      String unit = entry.key().subject();
      for (X509Certificate cert : entry.encryptionCertificates()) {
        seen.add(of(unit, "encryption", cert));
      }
      for (X509Certificate cert : entry.signingCertificates()) {
        seen.add(of(unit, "signing", cert));
      }
    }
    return seen;
  }

  private static SeenCertificate of(String unit, String use, X509Certificate cert) {
    return new SeenCertificate(
        unit, use, cert.getSerialNumber().toString(16), cert.getNotAfter().toInstant());
  }

  /** Days left until it expires (negative once expired), in whole days for people. */
  long daysLeft(Instant now) {
    return Duration.between(now, notAfter).toDays();
  }

  /** Days left with their fraction, for a gauge. */
  double exactDaysLeft(Instant now) {
    return Duration.between(now, notAfter).toSeconds() / 86_400.0;
  }
}
