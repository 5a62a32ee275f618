package org.liaison.pki.directory;

import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.liaison.pki.KeyAlgorithm;
import org.liaison.pki.ca.FederationKit;
import org.liaison.pki.ca.UnitKeys;
import org.liaison.pki.keys.PrivateKeyHandle;
import org.liaison.pki.validation.CertificateValidator;
import org.liaison.pki.validation.RevocationPolicy;
import org.liaison.pki.validation.TrustContext;
import org.liaison.schemas.UnitId;
import org.liaison.schemas.avro.DirectoryEntry;
import org.liaison.schemas.avro.PolicyEntry;
import org.liaison.schemas.avro.UnitStatus;

/** A federation of two units with a directory signer, and helpers to make signed entries. */
final class DirectoryFixture {

  static final UnitId NL = UnitId.of("NL.NCB");
  static final UnitId TH = UnitId.of("TH.CIB");

  final FederationKit kit = FederationKit.create(KeyAlgorithm.EC_P256, List.of(NL, TH));
  final PrivateKeyHandle directoryKey = kit.issueDirectorySigner("directory");
  final DirectoryEntrySigner signer = new DirectoryEntrySigner(directoryKey);
  final DirectoryVerifier verifier = new DirectoryVerifier();

  Instant now() {
    return Instant.now();
  }

  /** The trust of a gateway: the root, the issuing CA and both current CRLs. */
  TrustContext trust() {
    return trust(kit.crls());
  }

  TrustContext trust(List<X509CRL> crls) {
    return new TrustContext(
        List.of(kit.trustAnchor()), List.of(kit.issuingCa()), crls, RevocationPolicy.REQUIRE);
  }

  CertificateValidator validator() {
    return new CertificateValidator(trust());
  }

  DirectoryState state() {
    return new DirectoryState(trust(), verifier, Clock.systemUTC());
  }

  DirectoryEntry unitEntry(UnitId unit, long sequence) {
    return unitEntry(unit, sequence, kit.unit(unit));
  }

  DirectoryEntry unitEntry(UnitId unit, long sequence, UnitKeys keys) {
    return DirectoryEntries.unit(
        unit,
        "Unit " + unit,
        UnitStatus.ACTIVE,
        List.of(keys.encryption().certificate()),
        List.of(keys.signing().certificate()),
        List.of(kit.issuingCa()),
        sequence,
        now());
  }

  DirectoryEntry crlEntry(X509CRL crl, long sequence) {
    return DirectoryEntries.crl(crl, sequence, now());
  }

  DirectoryEntry policyEntry(long sequence) {
    return DirectoryEntries.policy(
        PolicyEntry.newBuilder()
            .setAllowedAlgorithms(List.of("EC_P256", "EC_P384"))
            .setSigningTimeWindowSeconds(86_400)
            .setMaxClockSkewSeconds(300)
            .setMaxNoticeBytes(10 * 1024 * 1024)
            .setKeyTypeRequirements(List.of())
            .build(),
        sequence,
        now());
  }

  byte[] sign(DirectoryEntry entry) {
    return signer.sign(entry, now());
  }

  VerifiedEntry verify(byte[] signed, String recordKey) throws DirectoryRefusal {
    return verifier.verify(signed, Optional.ofNullable(recordKey), validator(), now());
  }

  X509Certificate directoryCertificate() {
    return directoryKey.certificate();
  }
}
