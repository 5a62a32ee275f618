package org.liaison.gateway.units;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Stream;
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
 * revoked, expired or foreign key. A unit's certificates are all kept, hosted units' first: a
 * certificate that merely claims a unit (a rogue one in a peers file) can neither be sealed to nor
 * displace the unit's valid one.
 */
public final class KnownPeers implements PeerDirectory {

  private static final Logger log = LoggerFactory.getLogger(KnownPeers.class);

  private final Map<UnitId, List<X509Certificate>> certificates = new LinkedHashMap<>();
  private final Supplier<List<HostedUnit>> hosted;
  private final Supplier<CertificateValidator> validator;

  public KnownPeers(
      Collection<HostedUnit> hosted,
      Collection<X509Certificate> peers,
      CertificateValidator validator) {
    this(hosted, peers, () -> validator);
  }

  /**
   * @param validator the validator current at each use: one whose CRLs the federation directory
   *     keeps up to date, so that a certificate revoked since start is no longer sealed to
   */
  public KnownPeers(
      Collection<HostedUnit> hosted,
      Collection<X509Certificate> peers,
      Supplier<CertificateValidator> validator) {
    this(List.copyOf(hosted)::stream, peers, validator);
  }

  /**
   * @param hosted the hosted units as current at each use: a hosted unit whose key store was
   *     reloaded after a rotation is sealed to with its new certificate at once
   */
  public KnownPeers(
      HostedUnits hosted,
      Collection<X509Certificate> peers,
      Supplier<CertificateValidator> validator) {
    this(() -> hosted.all().stream(), peers, validator);
  }

  private KnownPeers(
      Supplier<Stream<HostedUnit>> hosted,
      Collection<X509Certificate> peers,
      Supplier<CertificateValidator> validator) {
    this.hosted = () -> hosted.get().toList();
    this.validator = validator;
    for (X509Certificate cert : peers) {
      Optional<UnitId> unit = UnitCertificates.unitOf(cert);
      if (unit.isEmpty()) {
        log.warn("Ignoring peer certificate {}: it names no unit", cert.getSubjectX500Principal());
      } else {
        add(unit.get(), cert);
      }
    }
  }

  private void add(UnitId unit, X509Certificate cert) {
    certificates.computeIfAbsent(unit, u -> new ArrayList<>()).add(cert);
  }

  @Override
  public Optional<X509Certificate> encryptionCertificate(UnitId unit) {
    Instant now = Instant.now();
    List<X509Certificate> candidates = new ArrayList<>();
    hosted.get().stream()
        .filter(u -> u.id().equals(unit))
        .forEach(u -> candidates.add(u.encryption().certificate()));
    candidates.addAll(certificates.getOrDefault(unit, List.of()));
    for (X509Certificate cert : candidates) {
      ValidationResult result = validator.get().validate(cert, List.of(), Purpose.ENCRYPTION, now);
      if (result.valid()) {
        return Optional.of(cert);
      }
      log.warn(
          "Encryption certificate {} of {} not usable: {}",
          cert.getSerialNumber().toString(16),
          unit,
          result.reason());
    }
    return Optional.empty();
  }

  @Override
  public Set<UnitId> known() {
    Set<UnitId> units = new TreeSet<>(java.util.Comparator.comparing(UnitId::value));
    hosted.get().forEach(u -> units.add(u.id()));
    units.addAll(certificates.keySet());
    return units;
  }
}
