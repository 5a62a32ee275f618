package org.liaison.gateway.units;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.liaison.pki.UnitCertificates;
import org.liaison.pki.validation.CertificateValidator;
import org.liaison.pki.validation.Purpose;
import org.liaison.pki.validation.ValidationResult;
import org.liaison.schemas.UnitId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Encryption certificates the gateway was given: its hosted units' own and configured peers'. A
 * certificate is used only while it validates for encryption, so that nothing is sealed for a
 * revoked or expired key.
 */
public final class KnownPeers implements PeerDirectory {

  private static final Logger log = LoggerFactory.getLogger(KnownPeers.class);

  private final Map<UnitId, X509Certificate> certificates = new HashMap<>();
  private final CertificateValidator validator;

  public KnownPeers(
      Collection<HostedUnit> hosted,
      Collection<X509Certificate> peers,
      CertificateValidator validator) {
    this.validator = validator;
    hosted.forEach(u -> certificates.put(u.id(), u.encryption().certificate()));
    for (X509Certificate cert : peers) {
      Optional<UnitId> unit = UnitCertificates.unitOf(cert);
      if (unit.isEmpty()) {
        log.warn("Ignoring peer certificate {}: it names no unit", cert.getSubjectX500Principal());
      } else {
        certificates.put(unit.get(), cert);
      }
    }
  }

  @Override
  public Optional<X509Certificate> encryptionCertificate(UnitId unit) {
    X509Certificate cert = certificates.get(unit);
    if (cert == null) {
      return Optional.empty();
    }
    ValidationResult result =
        validator.validate(cert, java.util.List.of(), Purpose.ENCRYPTION, Instant.now());
    if (!result.valid()) {
      log.warn("Encryption certificate of {} not usable: {}", unit, result.reason());
      return Optional.empty();
    }
    return Optional.of(cert);
  }
}
