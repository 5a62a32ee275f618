package org.liaison.pki.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.liaison.pki.directory.DirectoryFixture.NL;
import static org.liaison.pki.directory.DirectoryFixture.TH;

import java.security.cert.X509CRL;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.Test;
import org.liaison.pki.CryptoProviders;
import org.liaison.pki.KeyAlgorithm;
import org.liaison.pki.ca.FederationKit;
import org.liaison.pki.ca.RevocationReason;
import org.liaison.pki.ca.UnitKeys;
import org.liaison.pki.validation.CertificateValidator;
import org.liaison.schemas.avro.DirectoryEntry;
import org.liaison.schemas.avro.EntryKind;
import org.liaison.schemas.avro.UnitEntry;
import org.liaison.schemas.codec.AvroCodec;

/** Every refusal of a directory entry, with its reason code; and the entries that pass. */
class DirectoryVerifierTest {

  private final DirectoryFixture fx = new DirectoryFixture();

  @Test
  void aUnitEntryVerifiesWithItsCertificatesParsed() throws Exception {
    byte[] signed = fx.sign(fx.unitEntry(NL, 7));

    VerifiedEntry entry = fx.verify(signed, "unit:NL.NCB");

    assertThat(entry.key()).isEqualTo(EntryKey.unit("NL.NCB"));
    assertThat(entry.sequence()).isEqualTo(7);
    assertThat(entry.encryptionCertificates())
        .containsExactly(fx.kit.unit(NL).encryption().certificate());
    assertThat(entry.signingCertificates())
        .containsExactly(fx.kit.unit(NL).signing().certificate());
    assertThat(entry.chain()).containsExactly(fx.kit.issuingCa());
    assertThat(entry.signer()).isEqualTo(fx.directoryCertificate());
    assertThat(entry.activeUnit()).isTrue();
  }

  @Test
  void crlAndPolicyEntriesVerify() throws Exception {
    X509CRL crl = fx.kit.crl();
    VerifiedEntry crlEntry =
        fx.verify(fx.sign(fx.crlEntry(crl, 1)), "crl:" + DirectoryEntries.crlSubject(crl));
    VerifiedEntry policy = fx.verify(fx.sign(fx.policyEntry(1)), "policy:federation");

    assertThat(crlEntry.crl()).contains(crl);
    assertThat(policy.key()).isEqualTo(EntryKey.policy());
  }

  @Test
  void aChangedContentByteIsForged() {
    DirectoryEntry entry = fx.unitEntry(NL, 1);
    byte[] content = AvroCodec.directoryEntries().encode(entry);
    byte[] signed = fx.sign(entry);
    int at = indexOf(signed, content);
    assertThat(at).isPositive();
    // A byte of the display name: still a valid entry, but not the one signed.
    byte[] tampered = signed.clone();
    int name = indexOf(tampered, "Unit NL.NCB".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    tampered[name] = 'X';

    assertRefused(tampered, "unit:NL.NCB", DirectoryReason.FORGED);
  }

  @Test
  void aChangedSignatureIsForged() {
    byte[] signed = fx.sign(fx.unitEntry(NL, 1));
    // The signature value is the last element of the SignerInfo, at the very end of the DER.
    signed[signed.length - 3] ^= 0x01;

    assertRefused(signed, "unit:NL.NCB", DirectoryReason.FORGED);
  }

  @Test
  void garbageTruncatedAndEmptyRecordsAreMalformed() {
    byte[] signed = fx.sign(fx.unitEntry(NL, 1));

    assertRefused(new byte[] {1, 2, 3}, null, DirectoryReason.MALFORMED);
    assertRefused(Arrays.copyOf(signed, signed.length / 2), null, DirectoryReason.MALFORMED);
    assertRefused(new byte[0], null, DirectoryReason.MALFORMED);
  }

  @Test
  void anEntryOverTheLimitIsOversizeBeforeAnyParsing() {
    byte[] signed = fx.sign(fx.unitEntry(NL, 1));
    DirectoryVerifier small = new DirectoryVerifier(signed.length - 1);

    assertThatThrownBy(() -> small.verify(signed, Optional.empty(), fx.validator(), fx.now()))
        .isInstanceOfSatisfying(
            DirectoryRefusal.class,
            r -> assertThat(r.reason()).isEqualTo(DirectoryReason.OVERSIZE));
    assertRefused(
        new byte[DirectoryVerifier.DEFAULT_MAX_ENTRY_BYTES + 1], null, DirectoryReason.OVERSIZE);
  }

  @Test
  void aUnitSigningKeyIsNotADirectorySigner() {
    byte[] signed =
        DirectoryEntrySigner.anyKey(fx.kit.unit(NL).signing()).sign(fx.unitEntry(NL, 1), fx.now());

    assertRefused(signed, "unit:NL.NCB", DirectoryReason.NOT_DIRECTORY_SIGNER);
  }

  @Test
  void aTlsKeyIsNotADirectorySignerEither() {
    byte[] signed =
        DirectoryEntrySigner.anyKey(fx.kit.unit(TH).tls()).sign(fx.unitEntry(NL, 1), fx.now());

    assertRefused(signed, "unit:NL.NCB", DirectoryReason.NOT_DIRECTORY_SIGNER);
  }

  @Test
  void aDirectorySignerOfAnotherFederationIsUnknown() {
    FederationKit other = FederationKit.create(KeyAlgorithm.EC_P256, List.of(NL));
    byte[] signed =
        new DirectoryEntrySigner(other.issueDirectorySigner("directory"))
            .sign(fx.unitEntry(NL, 1), fx.now());

    assertRefused(signed, "unit:NL.NCB", DirectoryReason.UNKNOWN_SIGNER);
  }

  @Test
  void aRevokedDirectorySignerIsRefused() throws Exception {
    byte[] signed = fx.sign(fx.unitEntry(NL, 1));
    fx.kit.revoke(fx.directoryCertificate(), RevocationReason.KEY_COMPROMISE);
    CertificateValidator afterRevocation =
        new CertificateValidator(fx.trust(List.of(fx.kit.rootCrl(), fx.kit.crl())));

    assertThatThrownBy(
            () -> fx.verifier.verify(signed, Optional.empty(), afterRevocation, fx.now()))
        .isInstanceOfSatisfying(
            DirectoryRefusal.class,
            r -> assertThat(r.reason()).isEqualTo(DirectoryReason.SIGNER_REVOKED));
  }

  @Test
  void withoutTheRootsCrlTheSignersStatusIsUnknown() {
    byte[] signed = fx.sign(fx.unitEntry(NL, 1));
    CertificateValidator noRootCrl = new CertificateValidator(fx.trust(List.of(fx.kit.crl())));

    assertThatThrownBy(() -> fx.verifier.verify(signed, Optional.empty(), noRootCrl, fx.now()))
        .isInstanceOfSatisfying(
            DirectoryRefusal.class,
            r -> assertThat(r.reason()).isEqualTo(DirectoryReason.SIGNER_REVOCATION_UNKNOWN));
  }

  @Test
  void aSignatureFromBeforeTheSignersValidityIsExpired() {
    Instant before =
        fx.directoryCertificate().getNotBefore().toInstant().minus(Duration.ofHours(1));
    byte[] signed = fx.signer.sign(fx.unitEntry(NL, 1), before);

    assertRefused(signed, "unit:NL.NCB", DirectoryReason.SIGNER_EXPIRED);
  }

  @Test
  void aSignerExpiredNowIsRefusedEvenForAnOldSignature() throws Exception {
    byte[] signed = fx.sign(fx.unitEntry(NL, 1));
    Instant afterExpiry = fx.directoryCertificate().getNotAfter().toInstant().plusSeconds(60);
    // The CRLs would be stale by then too: judge with ALLOW_MISSING to reach the expiry check.
    CertificateValidator lenient =
        new CertificateValidator(
            new org.liaison.pki.validation.TrustContext(
                List.of(fx.kit.trustAnchor()),
                List.of(fx.kit.issuingCa()),
                List.of(),
                org.liaison.pki.validation.RevocationPolicy.ALLOW_MISSING));

    assertThatThrownBy(() -> fx.verifier.verify(signed, Optional.empty(), lenient, afterExpiry))
        .isInstanceOfSatisfying(
            DirectoryRefusal.class,
            r -> assertThat(r.reason()).isEqualTo(DirectoryReason.SIGNER_EXPIRED));
  }

  @Test
  void aSigningTimeInTheFutureIsRefused() {
    byte[] signed = fx.signer.sign(fx.unitEntry(NL, 1), fx.now().plus(Duration.ofHours(1)));

    assertRefused(signed, "unit:NL.NCB", DirectoryReason.SIGNING_TIME_IN_FUTURE);
  }

  @Test
  void aSha1SignatureIsAWeakAlgorithm() throws Exception {
    byte[] content = AvroCodec.directoryEntries().encode(fx.unitEntry(NL, 1));
    CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
    generator.addSignerInfoGenerator(
        new JcaSignerInfoGeneratorBuilder(
                new JcaDigestCalculatorProviderBuilder()
                    .setProvider(CryptoProviders.bouncyCastle())
                    .build())
            .build(
                new JcaContentSignerBuilder("SHA1withECDSA")
                    .setProvider(CryptoProviders.bouncyCastle())
                    .build(fx.directoryKey.privateKey()),
                fx.directoryCertificate()));
    generator.addCertificates(new JcaCertStore(List.of(fx.directoryCertificate())));
    byte[] signed = generator.generate(new CMSProcessableByteArray(content), true).getEncoded();

    assertRefused(signed, "unit:NL.NCB", DirectoryReason.WEAK_ALGORITHM);
  }

  @Test
  void aRecordKeyOtherThanTheEntrysIsAKeyMismatch() {
    byte[] signed = fx.sign(fx.unitEntry(NL, 1));

    assertRefused(signed, "unit:TH.CIB", DirectoryReason.KEY_MISMATCH);
    assertRefused(signed, "crl:NL.NCB", DirectoryReason.KEY_MISMATCH);
  }

  @Test
  void aSubjectOtherThanTheUnitDescribedIsAKeyMismatch() {
    DirectoryEntry entry = fx.unitEntry(NL, 1);
    entry.setSubject("TH.CIB");

    assertRefused(fx.sign(entry), "unit:TH.CIB", DirectoryReason.KEY_MISMATCH);
  }

  @Test
  void aUnitEntryCarryingAnotherUnitsCertificateIsAUnitMismatch() {
    UnitKeys nl = fx.kit.unit(NL);
    UnitKeys th = fx.kit.unit(TH);
    DirectoryEntry entry =
        fx.unitEntry(NL, 1, new UnitKeys(NL, nl.signing(), th.encryption(), nl.tls()));

    assertRefused(fx.sign(entry), "unit:NL.NCB", DirectoryReason.UNIT_MISMATCH);
  }

  @Test
  void aUnitEntryWithAnotherCountryIsAUnitMismatch() {
    DirectoryEntry entry = fx.unitEntry(NL, 1);
    ((UnitEntry) entry.getBody()).setCountry("TH");

    assertRefused(fx.sign(entry), "unit:NL.NCB", DirectoryReason.UNIT_MISMATCH);
  }

  @Test
  void aCrlOfAForeignCaIsABadCrl() {
    FederationKit other = FederationKit.create(KeyAlgorithm.EC_P256, List.of(NL));
    X509CRL foreign = other.crl();

    assertRefused(
        fx.sign(fx.crlEntry(foreign, 1)),
        "crl:" + DirectoryEntries.crlSubject(foreign),
        DirectoryReason.BAD_CRL);
  }

  @Test
  void aKindWithAnotherKindsBodyIsMalformed() {
    DirectoryEntry entry = fx.unitEntry(NL, 1);
    entry.setKind(EntryKind.POLICY);

    assertRefused(fx.sign(entry), null, DirectoryReason.MALFORMED);
  }

  private void assertRefused(byte[] signed, String recordKey, DirectoryReason reason) {
    assertThatThrownBy(() -> fx.verify(signed, recordKey))
        .isInstanceOfSatisfying(
            DirectoryRefusal.class, r -> assertThat(r.reason()).as(r.toString()).isEqualTo(reason));
  }

  static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
