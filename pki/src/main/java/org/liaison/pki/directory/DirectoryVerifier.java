package org.liaison.pki.directory;

import static org.liaison.pki.directory.DirectoryReason.BAD_CRL;
import static org.liaison.pki.directory.DirectoryReason.FORGED;
import static org.liaison.pki.directory.DirectoryReason.KEY_MISMATCH;
import static org.liaison.pki.directory.DirectoryReason.MALFORMED;
import static org.liaison.pki.directory.DirectoryReason.NOT_DIRECTORY_SIGNER;
import static org.liaison.pki.directory.DirectoryReason.OVERSIZE;
import static org.liaison.pki.directory.DirectoryReason.SIGNER_EXPIRED;
import static org.liaison.pki.directory.DirectoryReason.SIGNING_TIME_IN_FUTURE;
import static org.liaison.pki.directory.DirectoryReason.UNIT_MISMATCH;
import static org.liaison.pki.directory.DirectoryReason.UNKNOWN_SIGNER;
import static org.liaison.pki.directory.DirectoryReason.WEAK_ALGORITHM;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.PolicyInformation;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.CMSVerifierCertificateNotValidException;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.liaison.pki.CryptoProviders;
import org.liaison.pki.UnitCertificates;
import org.liaison.pki.ca.CertificateProfile;
import org.liaison.pki.validation.CertificateValidator;
import org.liaison.pki.validation.Purpose;
import org.liaison.pki.validation.ValidationResult;
import org.liaison.schemas.UnitId;
import org.liaison.schemas.avro.CrlEntry;
import org.liaison.schemas.avro.DirectoryEntry;
import org.liaison.schemas.avro.EntryKind;
import org.liaison.schemas.avro.PolicyEntry;
import org.liaison.schemas.avro.UnitEntry;
import org.liaison.schemas.codec.AvroCodec;
import org.liaison.schemas.codec.DecodeException;
import org.liaison.schemas.codec.DecodeLimits;
import org.liaison.schemas.codec.DecodeReason;

/**
 * Checks one signed directory entry, in this order, each failure with its own {@link
 * DirectoryReason}: size → CMS SignedData structure (one signer, encapsulated id-data content) →
 * the signer's certificate is in it → digest on the allow-list → signature (Bouncy Castle's {@code
 * SignerInformation.verify}) → signing time not in the future → the signer carries the
 * directory-signing policy and digitalSignature → its path to the federation root, valid at the
 * signing time, not revoked by the CRLs known now, issued by the root itself, and valid now too →
 * Avro decoding with limits → the record key is the entry's kind and subject → the body fits the
 * kind (a unit entry's certificates all name its unit; a CRL entry's CRL is signed by a CA the
 * validator knows, and its subject and next update are the CRL's).
 *
 * <p>Rollback (a sequence not above the one held) is the {@link DirectoryState}'s to judge: it
 * alone knows what is held. Safe to share between threads.
 */
public final class DirectoryVerifier {

  /** The largest signed entry accepted by default: within Kafka's default record size. */
  public static final int DEFAULT_MAX_ENTRY_BYTES = 1024 * 1024;

  /** How far ahead of our clock a signing time may be. */
  public static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);

  private static final Set<String> DIGESTS =
      Set.of(
          NISTObjectIdentifiers.id_sha256.getId(),
          NISTObjectIdentifiers.id_sha384.getId(),
          NISTObjectIdentifiers.id_sha512.getId());

  private final int maxEntryBytes;
  private final AvroCodec<DirectoryEntry> codec;

  public DirectoryVerifier() {
    this(DEFAULT_MAX_ENTRY_BYTES);
  }

  public DirectoryVerifier(int maxEntryBytes) {
    if (maxEntryBytes <= 0) {
      throw new IllegalArgumentException("maxEntryBytes must be positive");
    }
    this.maxEntryBytes = maxEntryBytes;
    this.codec =
        AvroCodec.directoryEntries(
            new DecodeLimits(maxEntryBytes, 64 * 1024, maxEntryBytes, 1_000, 10_000, 8));
  }

  /** The largest signed entry this verifier accepts. */
  public int maxEntryBytes() {
    return maxEntryBytes;
  }

  /**
   * Verifies {@code signed}.
   *
   * @param recordKey the Kafka record key it came under, or empty when read from a file
   * @param validator the federation's trust: root, intermediates and the CRLs known now
   * @param now the time of judgement
   */
  public VerifiedEntry verify(
      byte[] signed, Optional<String> recordKey, CertificateValidator validator, Instant now)
      throws DirectoryRefusal {
    Parsed parsed = parse(signed);
    CMSSignedData data = parsed.data();
    SignerInformation signerInfo = parsed.signerInfo();
    X509Certificate signer = parsed.signer();
    List<X509Certificate> others = otherCertificates(data, signer);
    if (!DIGESTS.contains(signerInfo.getDigestAlgOID())) {
      throw new DirectoryRefusal(
          WEAK_ALGORITHM, "digest algorithm " + signerInfo.getDigestAlgOID() + " not allowed");
    }
    Instant signingTime = signingTime(signerInfo);
    verifySignature(signerInfo, signer);
    if (signingTime.isAfter(now.plus(MAX_CLOCK_SKEW))) {
      throw new DirectoryRefusal(
          SIGNING_TIME_IN_FUTURE, "signed at " + signingTime + ", in the future of " + now);
    }
    checkSigner(signer, others, validator, signingTime, now);

    byte[] content = (byte[]) data.getSignedContent().getContent();
    DirectoryEntry entry = decode(content);
    EntryKey key = new EntryKey(entry.getKind(), entry.getSubject());
    if (recordKey.isPresent() && !recordKey.get().equals(key.recordKey())) {
      throw new DirectoryRefusal(
          KEY_MISMATCH,
          "record key '" + printable(recordKey.get()) + "' is not the entry's '" + key + "'");
    }
    return body(entry, key, signed, signer, signingTime, validator);
  }

  /** What a signed entry says, read without any check of its signature or signer. */
  public record Unverified(DirectoryEntry entry, X509Certificate signer, Instant signingTime) {}

  /**
   * Reads {@code signed} without verifying it, for people who want to look at an entry ({@code
   * liaison-pki directory show}); nothing read this way may be applied.
   */
  public Unverified inspect(byte[] signed) throws DirectoryRefusal {
    Parsed parsed = parse(signed);
    Instant signingTime = signingTime(parsed.signerInfo());
    return new Unverified(
        decode((byte[]) parsed.data().getSignedContent().getContent()),
        parsed.signer(),
        signingTime);
  }

  /** A signed entry's structure, its signer and the signer's certificate: nothing checked yet. */
  private record Parsed(CMSSignedData data, SignerInformation signerInfo, X509Certificate signer) {}

  /** Size limits, then the CMS structure, for both {@link #verify} and {@link #inspect}. */
  private Parsed parse(byte[] signed) throws DirectoryRefusal {
    if (signed == null || signed.length == 0) {
      throw new DirectoryRefusal(MALFORMED, "empty record");
    }
    if (signed.length > maxEntryBytes) {
      throw new DirectoryRefusal(
          OVERSIZE, "entry of " + signed.length + " bytes, more than " + maxEntryBytes);
    }
    CMSSignedData data = parseCms(signed);
    SignerInformation signerInfo = data.getSignerInfos().getSigners().iterator().next();
    return new Parsed(data, signerInfo, signerCertificate(data, signerInfo));
  }

  /** Whether {@code certificate} carries the directory-signing certificate policy. */
  public static boolean hasDirectoryPolicy(X509Certificate certificate) {
    byte[] value = certificate.getExtensionValue("2.5.29.32");
    if (value == null) {
      return false;
    }
    try {
      CertificatePolicies policies =
          CertificatePolicies.getInstance(ASN1OctetString.getInstance(value).getOctets());
      for (PolicyInformation info : policies.getPolicyInformation()) {
        if (CertificateProfile.DIRECTORY_SIGNING_POLICY.equals(
            info.getPolicyIdentifier().getId())) {
          return true;
        }
      }
      return false;
    } catch (RuntimeException unreadable) {
      return false;
    }
  }

  private static CMSSignedData parseCms(byte[] signed) throws DirectoryRefusal {
    CMSSignedData data;
    try {
      data = new CMSSignedData(signed);
    } catch (CMSException | RuntimeException e) {
      throw new DirectoryRefusal(MALFORMED, "not a CMS SignedData: " + e.getMessage());
    }
    if (data.getSignedContent() == null
        || !(data.getSignedContent().getContent() instanceof byte[])) {
      throw new DirectoryRefusal(MALFORMED, "the SignedData encapsulates no content");
    }
    if (!CMSObjectIdentifiers.data.getId().equals(data.getSignedContentTypeOID())) {
      throw new DirectoryRefusal(
          MALFORMED, "content type " + data.getSignedContentTypeOID() + " is not id-data");
    }
    if (data.getSignerInfos().size() != 1) {
      throw new DirectoryRefusal(
          MALFORMED, data.getSignerInfos().size() + " signers, where one is expected");
    }
    return data;
  }

  private static X509Certificate signerCertificate(CMSSignedData data, SignerInformation info)
      throws DirectoryRefusal {
    @SuppressWarnings("unchecked")
    Collection<X509CertificateHolder> matches = data.getCertificates().getMatches(info.getSID());
    if (matches.size() != 1) {
      throw new DirectoryRefusal(
          UNKNOWN_SIGNER, matches.size() + " certificates in the entry match its signer");
    }
    return convert(matches.iterator().next());
  }

  private static List<X509Certificate> otherCertificates(CMSSignedData data, X509Certificate signer)
      throws DirectoryRefusal {
    List<X509Certificate> others = new ArrayList<>();
    @SuppressWarnings("unchecked")
    Collection<X509CertificateHolder> all = data.getCertificates().getMatches(null);
    for (X509CertificateHolder holder : all) {
      X509Certificate cert = convert(holder);
      if (!cert.equals(signer)) {
        others.add(cert);
      }
    }
    return others;
  }

  private static X509Certificate convert(X509CertificateHolder holder) throws DirectoryRefusal {
    try {
      return new JcaX509CertificateConverter()
          .setProvider(CryptoProviders.certificates())
          .getCertificate(holder);
    } catch (CertificateException | RuntimeException e) {
      throw new DirectoryRefusal(UNKNOWN_SIGNER, "unreadable certificate in the entry");
    }
  }

  private static Instant signingTime(SignerInformation info) throws DirectoryRefusal {
    AttributeTable signed = info.getSignedAttributes();
    Attribute attribute = signed == null ? null : signed.get(CMSAttributes.signingTime);
    if (attribute == null || attribute.getAttrValues().size() != 1) {
      throw new DirectoryRefusal(MALFORMED, "no single signing time among the signed attributes");
    }
    try {
      ASN1Encodable value = attribute.getAttrValues().getObjectAt(0);
      return Time.getInstance(value).getDate().toInstant();
    } catch (RuntimeException e) {
      throw new DirectoryRefusal(MALFORMED, "unreadable signing time");
    }
  }

  private static void verifySignature(SignerInformation info, X509Certificate signer)
      throws DirectoryRefusal {
    boolean valid;
    try {
      valid =
          info.verify(
              new JcaSimpleSignerInfoVerifierBuilder()
                  .setProvider(CryptoProviders.bouncyCastle())
                  .build(signer));
    } catch (CMSVerifierCertificateNotValidException e) {
      throw new DirectoryRefusal(
          SIGNER_EXPIRED, "the signer's certificate was not valid at the signing time");
    } catch (CMSException | OperatorCreationException | RuntimeException e) {
      throw new DirectoryRefusal(FORGED, "the signature does not verify: " + e.getMessage());
    }
    if (!valid) {
      throw new DirectoryRefusal(FORGED, "the signature does not verify");
    }
  }

  private static void checkSigner(
      X509Certificate signer,
      List<X509Certificate> others,
      CertificateValidator validator,
      Instant signingTime,
      Instant now)
      throws DirectoryRefusal {
    boolean[] usage = signer.getKeyUsage();
    if (!hasDirectoryPolicy(signer) || usage == null || usage.length == 0 || !usage[0]) {
      throw new DirectoryRefusal(
          NOT_DIRECTORY_SIGNER,
          "signer "
              + signer.getSubjectX500Principal().getName()
              + " is not a directory-signing certificate");
    }
    ValidationResult result =
        validator.validateSignature(signer, others, Purpose.SIGNING, signingTime, now);
    if (!result.valid()) {
      DirectoryReason reason =
          switch (result.reason()) {
            case REVOKED -> DirectoryReason.SIGNER_REVOKED;
            case EXPIRED, NOT_YET_VALID -> SIGNER_EXPIRED;
            case REVOCATION_UNKNOWN -> DirectoryReason.SIGNER_REVOCATION_UNKNOWN;
            case WRONG_KEY_USAGE -> NOT_DIRECTORY_SIGNER;
            default -> UNKNOWN_SIGNER;
          };
      throw new DirectoryRefusal(reason, result.reason() + ": " + result.detail());
    }
    if (result.path().size() != 2) {
      // The path runs signer, root: anything longer means an issuing CA certified it.
      throw new DirectoryRefusal(
          NOT_DIRECTORY_SIGNER, "the directory signer was not issued by the federation root");
    }
    if (now.isAfter(signer.getNotAfter().toInstant())
        || now.isBefore(signer.getNotBefore().toInstant())) {
      throw new DirectoryRefusal(
          SIGNER_EXPIRED,
          "the directory signer is valid "
              + signer.getNotBefore().toInstant()
              + " to "
              + signer.getNotAfter().toInstant()
              + ", not now");
    }
  }

  private DirectoryEntry decode(byte[] content) throws DirectoryRefusal {
    try {
      return codec.decode(content);
    } catch (DecodeException e) {
      DirectoryReason reason =
          e.reason() == DecodeReason.TOO_LARGE || e.reason() == DecodeReason.LIMIT_EXCEEDED
              ? OVERSIZE
              : MALFORMED;
      throw new DirectoryRefusal(reason, "entry not decodable: " + e.reason());
    }
  }

  private static VerifiedEntry body(
      DirectoryEntry entry,
      EntryKey key,
      byte[] signed,
      X509Certificate signer,
      Instant signingTime,
      CertificateValidator validator)
      throws DirectoryRefusal {
    Object body = entry.getBody();
    EntryKind kind = entry.getKind();
    if (entry.getFormatVersion() != DirectoryEntries.FORMAT_VERSION) {
      throw new DirectoryRefusal(MALFORMED, "format version " + entry.getFormatVersion());
    }
    if (kind == EntryKind.UNIT && body instanceof UnitEntry unit) {
      UnitId id = unitId(unit, key);
      List<X509Certificate> encryption = certificates(unit.getEncryptionCertificates(), id);
      List<X509Certificate> signing = certificates(unit.getSigningCertificates(), id);
      List<X509Certificate> chain = parseAll(unit.getChain());
      return new VerifiedEntry(
          key, entry, signed, signer, signingTime, encryption, signing, chain, Optional.empty());
    }
    if (kind == EntryKind.CRL && body instanceof CrlEntry crlEntry) {
      X509CRL crl = crl(crlEntry, key, validator);
      return new VerifiedEntry(
          key,
          entry,
          signed,
          signer,
          signingTime,
          List.of(),
          List.of(),
          List.of(),
          Optional.of(crl));
    }
    if (kind == EntryKind.POLICY && body instanceof PolicyEntry) {
      if (!EntryKey.FEDERATION.equals(key.subject())) {
        throw new DirectoryRefusal(KEY_MISMATCH, "a policy entry's subject is 'federation'");
      }
      return new VerifiedEntry(
          key,
          entry,
          signed,
          signer,
          signingTime,
          List.of(),
          List.of(),
          List.of(),
          Optional.empty());
    }
    throw new DirectoryRefusal(MALFORMED, "a " + kind + " entry with another kind of body");
  }

  private static UnitId unitId(UnitEntry unit, EntryKey key) throws DirectoryRefusal {
    if (!UnitId.isValid(unit.getUnitId())) {
      throw new DirectoryRefusal(MALFORMED, "unit id '" + printable(unit.getUnitId()) + "'");
    }
    UnitId id = UnitId.of(unit.getUnitId());
    if (!key.subject().equals(id.value())) {
      throw new DirectoryRefusal(
          KEY_MISMATCH, "entry subject '" + printable(key.subject()) + "' describes unit " + id);
    }
    if (!id.country().equals(unit.getCountry())) {
      throw new DirectoryRefusal(
          UNIT_MISMATCH, "country '" + printable(unit.getCountry()) + "' is not that of " + id);
    }
    return id;
  }

  private static List<X509Certificate> certificates(List<ByteBuffer> encoded, UnitId unit)
      throws DirectoryRefusal {
    List<X509Certificate> certificates = parseAll(encoded);
    for (X509Certificate certificate : certificates) {
      Optional<UnitId> named = UnitCertificates.unitOf(certificate);
      if (!named.equals(Optional.of(unit))) {
        throw new DirectoryRefusal(
            UNIT_MISMATCH,
            "certificate "
                + certificate.getSerialNumber().toString(16)
                + " names "
                + named.map(UnitId::value).orElse("no unit")
                + ", not "
                + unit);
      }
    }
    return certificates;
  }

  private static List<X509Certificate> parseAll(List<ByteBuffer> encoded) throws DirectoryRefusal {
    List<X509Certificate> out = new ArrayList<>(encoded.size());
    try {
      CertificateFactory factory =
          CertificateFactory.getInstance("X.509", CryptoProviders.certificates());
      for (ByteBuffer buffer : encoded) {
        out.add(
            (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(bytes(buffer))));
      }
    } catch (CertificateException | RuntimeException e) {
      throw new DirectoryRefusal(MALFORMED, "unreadable certificate in the entry");
    }
    return out;
  }

  private static X509CRL crl(CrlEntry entry, EntryKey key, CertificateValidator validator)
      throws DirectoryRefusal {
    X509CRL crl;
    try {
      crl =
          (X509CRL)
              CertificateFactory.getInstance("X.509", CryptoProviders.certificates())
                  .generateCRL(new ByteArrayInputStream(bytes(entry.getCrl())));
    } catch (java.security.GeneralSecurityException | RuntimeException e) {
      throw new DirectoryRefusal(BAD_CRL, "unreadable CRL");
    }
    if (!DirectoryEntries.crlSubject(crl).equals(key.subject())) {
      throw new DirectoryRefusal(
          KEY_MISMATCH,
          "the CRL of '"
              + DirectoryEntries.crlSubject(crl)
              + "' under the key of '"
              + printable(key.subject())
              + "'");
    }
    if (crl.getNextUpdate() == null
        || !crl.getNextUpdate().toInstant().equals(entry.getNextUpdate())
        || DirectoryEntries.crlNumber(crl).longValue() != entry.getCrlNumber()) {
      throw new DirectoryRefusal(BAD_CRL, "the entry's next update or number is not the CRL's");
    }
    if (!validator.isIssuedByKnownCa(crl)) {
      throw new DirectoryRefusal(
          BAD_CRL, "the CRL is not signed by a CA of the federation: " + key.subject());
    }
    return crl;
  }

  private static byte[] bytes(ByteBuffer buffer) {
    ByteBuffer copy = buffer.duplicate();
    byte[] out = new byte[copy.remaining()];
    copy.get(out);
    return out;
  }

  private static String printable(String text) {
    String cut = text.length() > 100 ? text.substring(0, 100) + "..." : text;
    return cut.replaceAll("\\p{Cntrl}", "?");
  }
}
