package org.liaison.pki.seal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Provider;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Null;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.cms.CMSAlgorithmProtection;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.selector.X509CertificateHolderSelector;
import org.bouncycastle.cms.CMSSignatureAlgorithmNameGenerator;
import org.bouncycastle.cms.DefaultCMSSignatureAlgorithmNameGenerator;
import org.bouncycastle.cms.SignerInformationVerifier;
import org.bouncycastle.operator.ContentVerifier;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.SignatureAlgorithmIdentifierFinder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.liaison.pki.CryptoProviders;
import org.liaison.pki.crypto.ProviderChoice;
import org.liaison.pki.crypto.ProviderKeys;
import org.liaison.pki.seal.cms.DerReader;
import org.liaison.pki.seal.cms.DerReader.Malformed;
import org.liaison.pki.seal.cms.DerReader.NotDer;
import org.liaison.pki.seal.cms.DerReader.Tlv;
import org.liaison.pki.seal.cms.DerSlice;
import org.liaison.pki.seal.cms.DerTime;
import org.liaison.pki.seal.cms.EcdsaVerifierProvider;
import org.liaison.pki.seal.cms.SignatureAlgorithms;

/**
 * The SignedData steps of opening, in order: structure (one signer, encapsulated data, the signer's
 * certificate included), algorithms on the allow-list (before the signature is computed, so that a
 * SHA-1 signature is never even checked), signed attributes present, the RFC 6211 algorithm
 * protection when present, then the signature itself with the signer certificate's public key. The
 * certificate's own validity is left to the path validator, which knows the signing time.
 *
 * <p>The SignedData is read with {@link DerReader} straight from the bytes (BER input is first
 * rewritten with definite lengths by Bouncy Castle), and the checks Bouncy Castle's {@code
 * SignerInformation.verify} made are made here, with the same outcome: content-type, message-digest
 * and signing-time attributes single-valued and never unsigned, the content type equal to the
 * eContentType, the message digest equal to the content's (compared in constant time), at most one
 * algorithm-protection attribute and never unsigned, no signed countersignature, no empty unsigned
 * one; then one signature verification over the DER signed attributes.
 */
final class SignatureVerifier {

  /** The signed content and what the report needs about its signature. */
  record Verified(
      byte[] content,
      X509Certificate signer,
      List<X509Certificate> otherCertificates,
      Instant signingTime,
      String digestAlgorithm,
      String signatureAlgorithm) {}

  /**
   * Bouncy Castle's name tables, built once: {@code JcaSimpleSignerInfoVerifierBuilder} fills both
   * anew for every signature (dozens of map entries), which showed in the profile of opening. They
   * are only read after construction.
   */
  private static final CMSSignatureAlgorithmNameGenerator NAMES =
      new DefaultCMSSignatureAlgorithmNameGenerator();

  private static final SignatureAlgorithmIdentifierFinder FINDER =
      new DefaultSignatureAlgorithmIdentifierFinder();

  private static final byte[] DATA = DerReader.contentOf(CMSObjectIdentifiers.data);
  private static final byte[] CONTENT_TYPE = DerReader.contentOf(CMSAttributes.contentType);
  private static final byte[] MESSAGE_DIGEST = DerReader.contentOf(CMSAttributes.messageDigest);
  private static final byte[] SIGNING_TIME = DerReader.contentOf(CMSAttributes.signingTime);
  private static final byte[] ALGORITHM_PROTECTION =
      DerReader.contentOf(CMSAttributes.cmsAlgorithmProtect);
  private static final byte[] COUNTER_SIGNATURE =
      DerReader.contentOf(CMSAttributes.counterSignature);

  private static final List<byte[]> REQUIRED = List.of(CONTENT_TYPE, MESSAGE_DIGEST, SIGNING_TIME);
  private static final List<ASN1ObjectIdentifier> REQUIRED_NAMES =
      List.of(CMSAttributes.contentType, CMSAttributes.messageDigest, CMSAttributes.signingTime);

  /**
   * Certificates already converted from their DER bytes, so that a signer that sends many notices
   * is not parsed again for each (a JDK certificate is immutable). Keyed by the certificate's bytes
   * as they stand in the message. Bounded: it starts over when full.
   */
  static final int MAX_CERTIFICATES = 256;

  private final ConcurrentHashMap<DerSlice, Known> converted = new ConcurrentHashMap<>();

  private final ProviderChoice providers;
  private final DigestCalculatorProvider asymmetricDigests;
  private final DigestCalculatorProvider fallbackDigests;

  SignatureVerifier(ProviderChoice providers) {
    this.providers = providers;
    try {
      this.asymmetricDigests =
          new JcaDigestCalculatorProviderBuilder().setProvider(providers.asymmetric()).build();
      this.fallbackDigests =
          new JcaDigestCalculatorProviderBuilder().setProvider(providers.fallback()).build();
    } catch (OperatorCreationException e) {
      throw new IllegalStateException("no digest calculator provider", e);
    }
  }

  Verified verify(byte[] signedDataBytes) throws Refusal {
    Signed s;
    try {
      s = readEither(signedDataBytes);
    } catch (Malformed e) {
      throw new Refusal(RejectReason.MALFORMED_SIGNED_DATA, "not a SignedData: " + e.getMessage());
    } catch (RuntimeException e) {
      // Not expected from the reader; but hostile bytes must end in a refusal, never a throw.
      throw new Refusal(
          RejectReason.MALFORMED_SIGNED_DATA, "not a SignedData: " + e.getClass().getSimpleName());
    }
    CertificateSet certificates = certificates(s);

    String digest = AlgorithmPolicy.checkDigest(s.digestAlgorithm());
    String signature = AlgorithmPolicy.checkSignature(s.signatureAlgorithm());
    certificates.signerEntry().checkSignerKey();

    if (s.signed() == null) {
      throw new Refusal(
          RejectReason.SIGNED_ATTRIBUTES_MISSING, "the signature covers no signed attributes");
    }
    for (int i = 0; i < REQUIRED.size(); i++) {
      if (first(s.signed(), REQUIRED.get(i)) == null) {
        throw new Refusal(
            RejectReason.SIGNED_ATTRIBUTES_MISSING,
            "signed attribute " + REQUIRED_NAMES.get(i) + " is missing");
      }
    }
    checkAlgorithmProtection(s);
    Instant signingTime = signingTime(s);

    verifySignature(s, certificates.signerEntry().publicKey);
    return new Verified(
        s.content(), certificates.signer(), certificates.others(), signingTime, digest, signature);
  }

  // ---- reading the structure ----

  /** One attribute: its type and its SET of values. */
  private record Attribute(Tlv type, List<Tlv> values) {}

  private record Signed(
      byte[] content,
      List<Tlv> certificates,
      Tlv sid,
      AlgorithmIdentifier digestAlgorithm,
      AlgorithmIdentifier signatureAlgorithm,
      List<Attribute> signed,
      Tlv signedAttributes,
      boolean reencodeSignedAttributes,
      Tlv unsignedAttributes,
      byte[] signature) {}

  private static Signed readEither(byte[] bytes) throws Refusal, Malformed {
    try {
      return read(bytes);
    } catch (NotDer notDer) {
      byte[] normalised = DerReader.normalise(bytes);
      try {
        return read(normalised);
      } catch (NotDer stillNot) {
        throw new Malformed("after normalisation: " + stillNot.getMessage());
      }
    }
  }

  private static Signed read(byte[] b) throws Refusal, Malformed, NotDer {
    DerReader.validate(b, 0, b.length);
    DerReader ci = new DerReader(b).next(DerReader.SEQUENCE).reader();
    // The type is not compared with id-signedData: Bouncy Castle's CMSSignedData did not either,
    // and the content must be a SignedData in any case.
    ci.next(DerReader.OID);
    DerReader explicit = ci.next(0xA0).reader();
    ci.end();
    DerReader sd = explicit.next(DerReader.SEQUENCE).reader();
    explicit.end();

    sd.next(DerReader.INTEGER);
    sd.next(DerReader.SET); // digestAlgorithms: Bouncy Castle did not read them when verifying
    DerReader encap = sd.next(DerReader.SEQUENCE).reader();
    Tlv contentType = encap.next(DerReader.OID);
    Tlv contentExplicit = encap.optional(0xA0);
    encap.end();
    Tlv certificateSet = sd.optional(0xA0);
    sd.optional(0xA1); // CRLs: the validator brings its own
    Tlv signerInfos = sd.next(DerReader.SET);
    sd.end();

    List<Tlv> signers = new ArrayList<>(1);
    DerReader si = signerInfos.reader();
    while (si.hasMore()) {
      signers.add(si.next(DerReader.SEQUENCE));
    }
    if (signers.size() != 1) {
      throw new Refusal(
          RejectReason.MALFORMED_SIGNED_DATA, signers.size() + " signers, exactly one expected");
    }
    if (contentExplicit == null || !contentType.valueEquals(DATA)) {
      throw new Refusal(
          RejectReason.MALFORMED_SIGNED_DATA, "no encapsulated content of type id-data");
    }
    DerReader c = contentExplicit.reader();
    byte[] content = c.nextOctetString().octets();
    c.end();

    List<Tlv> certificates = new ArrayList<>(4);
    if (certificateSet != null) {
      DerReader certs = certificateSet.reader();
      while (certs.hasMore()) {
        Tlv choice = certs.next();
        if (choice.tag() == DerReader.SEQUENCE) {
          certificates.add(choice);
        }
        // other CertificateChoices (attribute certificates, other formats) are not certificates
      }
    }

    DerReader info = signers.get(0).reader();
    info.next(DerReader.INTEGER);
    Tlv sid = info.next();
    if (sid.tag() == DerReader.SEQUENCE) {
      EnvelopeOpener.issuerAndSerial(sid);
    } else if (sid.tag() == 0x80 || sid.tag() == 0xA0) {
      sid.octets();
    } else {
      throw new Malformed("SignerIdentifier with tag 0x" + Integer.toHexString(sid.tag()));
    }
    AlgorithmIdentifier digestAlgorithm = DerReader.knownAlgorithm(info.next(DerReader.SEQUENCE));
    Tlv signedAttributes = info.optional(0xA0);
    AlgorithmIdentifier signatureAlgorithm =
        DerReader.knownAlgorithm(info.next(DerReader.SEQUENCE));
    byte[] signature = info.nextOctetString().octets();
    Tlv unsignedAttributes = info.optional(0xA1);
    info.end();

    List<Attribute> signed = signedAttributes == null ? null : attributes(signedAttributes);
    boolean reencode = signedAttributes != null && !canonical(signedAttributes, 0);
    return new Signed(
        content,
        certificates,
        sid,
        digestAlgorithm,
        signatureAlgorithm,
        signed,
        signedAttributes,
        reencode,
        unsignedAttributes,
        signature);
  }

  /** Attributes ::= SET OF Attribute { attrType OID, attrValues SET OF value }. */
  private static List<Attribute> attributes(Tlv set) throws Malformed, NotDer {
    List<Attribute> out = new ArrayList<>(6);
    DerReader r = set.reader();
    while (r.hasMore()) {
      DerReader a = r.next(DerReader.SEQUENCE).reader();
      Tlv type = a.next(DerReader.OID);
      DerReader values = a.next(DerReader.SET).reader();
      a.end();
      List<Tlv> list = new ArrayList<>(1);
      while (values.hasMore()) {
        list.add(values.next());
      }
      out.add(new Attribute(type, list));
    }
    return out;
  }

  /**
   * Whether the encoding is already what Bouncy Castle's DER re-encoding of the signed attributes
   * (over which it verified the signature) gives: every SET in its DER order, no constructed
   * strings, BOOLEAN and BIT STRING and the times in their DER form. Liaison's and OpenSSL's signed
   * attributes are; anything else is re-encoded by Bouncy Castle as before.
   */
  private static boolean canonical(Tlv t, int depth) throws Malformed {
    if (depth > 32) {
      return false;
    }
    int tag = t.tag();
    if (t.constructed()) {
      if (tag == DerReader.CONSTRUCTED_OCTET_STRING) {
        return false;
      }
      boolean set = tag == DerReader.SET || depth == 0;
      DerReader r = t.reader();
      Tlv previous = null;
      while (r.hasMore()) {
        Tlv child = nextValidated(r);
        if (!canonical(child, depth + 1)) {
          return false;
        }
        if (set && previous != null && !derOrder(previous, child)) {
          return false;
        }
        previous = child;
      }
      return true;
    }
    byte[] b = t.buf();
    return switch (tag) {
      case DerReader.BOOLEAN -> b[t.valueStart()] == 0 || b[t.valueStart()] == (byte) 0xFF;
      case DerReader.BIT_STRING -> {
        int pad = b[t.valueStart()];
        yield pad == 0 || (b[t.end() - 1] & ((1 << pad) - 1)) == 0;
      }
      case DerReader.UTC_TIME -> t.length() == 13 && b[t.end() - 1] == 'Z';
      case DerReader.GENERALIZED_TIME -> t.length() == 15 && b[t.end() - 1] == 'Z';
      default -> true;
    };
  }

  private static Tlv nextValidated(DerReader r) throws Malformed {
    try {
      return r.next();
    } catch (NotDer e) {
      throw new Malformed(e.getMessage());
    }
  }

  /** Bouncy Castle's DER SET order: tags without the constructed bit, then the octets. */
  private static boolean derOrder(Tlv a, Tlv b) {
    int a0 = a.buf()[a.start()] & 0xDF;
    int b0 = b.buf()[b.start()] & 0xDF;
    if (a0 != b0) {
      return a0 < b0;
    }
    int n = Math.min(a.end() - a.start(), b.end() - b.start());
    return Arrays.compareUnsigned(
            a.buf(), a.start() + 1, a.start() + n, b.buf(), b.start() + 1, b.start() + n)
        <= 0;
  }

  private static byte[] derSet(Tlv implicitSet) throws Malformed {
    try {
      return ASN1Primitive.fromByteArray(implicitSet.retagged(DerReader.SET))
          .getEncoded(ASN1Encoding.DER);
    } catch (IOException | RuntimeException e) {
      throw new Malformed("signed attributes do not re-encode: " + e.getMessage());
    }
  }

  private static Attribute first(List<Attribute> attributes, byte[] type) {
    for (Attribute a : attributes) {
      if (a.type().valueEquals(type)) {
        return a;
      }
    }
    return null;
  }

  private static int count(List<Attribute> attributes, byte[] type) {
    int n = 0;
    for (Attribute a : attributes) {
      if (a.type().valueEquals(type)) {
        n++;
      }
    }
    return n;
  }

  // ---- certificates ----

  /**
   * A converted certificate with what a SignerIdentifier is matched against, and the outcome of the
   * signer-key allow-list check once it was made (it depends on the key alone).
   */
  private static final class Known {
    final X509Certificate certificate;
    final X509CertificateHolder holder;
    final byte[] issuer;
    final byte[] serial;

    /**
     * The certificate's key, taken once: the JDK's {@code getPublicKey} looks it up by attribute
     * name in the certificate info each time, and opening needs it three times per notice.
     */
    final PublicKey publicKey;

    private volatile boolean keyAllowed;

    Known(X509Certificate certificate, X509CertificateHolder holder, byte[] issuer, byte[] serial) {
      this.certificate = certificate;
      this.holder = holder;
      this.issuer = issuer;
      this.serial = serial;
      this.publicKey = certificate.getPublicKey();
    }

    X509Certificate certificate() {
      return certificate;
    }

    void checkSignerKey() throws Refusal {
      if (keyAllowed) {
        return;
      }
      AlgorithmPolicy.checkSignerKey(publicKey);
      keyAllowed = true;
    }
  }

  private record CertificateSet(Known signerEntry, List<X509Certificate> others) {
    X509Certificate signer() {
      return signerEntry.certificate();
    }
  }

  private CertificateSet certificates(Signed s) throws Refusal {
    Known signerCertificate = null;
    List<X509Certificate> others = new ArrayList<>(s.certificates().size());
    try {
      for (Tlv der : s.certificates()) {
        Known known = convert(der);
        if (signerCertificate == null && signerMatches(s.sid(), known)) {
          signerCertificate = known;
        } else {
          others.add(known.certificate());
        }
      }
    } catch (CertificateException | IOException | Malformed | NotDer | RuntimeException e) {
      throw new Refusal(
          RejectReason.MALFORMED_SIGNED_DATA, "unreadable certificate: " + e.getMessage());
    }
    if (signerCertificate == null) {
      throw new Refusal(
          RejectReason.MALFORMED_SIGNED_DATA, "the signer's certificate is not included");
    }
    return new CertificateSet(signerCertificate, List.copyOf(others));
  }

  private Known convert(Tlv der) throws CertificateException, IOException {
    DerSlice key = DerSlice.of(der);
    Known known = converted.get(key);
    if (known != null) {
      return known;
    }
    DerSlice kept = key.copy();
    byte[] bytes = kept.bytes();
    // Bouncy Castle's certificate structure first, as before: it refuses some encodings the JDK's
    // parser takes.
    X509CertificateHolder holder = new X509CertificateHolder(bytes);
    X509Certificate cert =
        (X509Certificate)
            CertificateFactory.getInstance("X.509", CryptoProviders.certificates())
                .generateCertificate(new ByteArrayInputStream(bytes));
    Known fresh =
        new Known(
            cert,
            holder,
            cert.getIssuerX500Principal().getEncoded(),
            cert.getSerialNumber().toByteArray());
    if (converted.size() >= MAX_CERTIFICATES) {
      converted.clear();
    }
    converted.put(kept, fresh);
    return fresh;
  }

  /**
   * Bouncy Castle's SignerId match: issuer and serial number (equal bytes, or the same name by
   * X.500 comparison rules), or the subject key identifier.
   */
  private static boolean signerMatches(Tlv sid, Known known) throws Malformed, NotDer, IOException {
    if (sid.tag() == DerReader.SEQUENCE) {
      Tlv[] parts = EnvelopeOpener.issuerAndSerial(sid);
      if (!parts[1].valueEquals(known.serial)) {
        return false;
      }
      byte[] issuer = known.issuer;
      if (Arrays.equals(
          parts[0].buf(), parts[0].start(), parts[0].end(), issuer, 0, issuer.length)) {
        return true;
      }
      return X500Name.getInstance(parts[0].bytes()).equals(X500Name.getInstance(issuer));
    }
    return new X509CertificateHolderSelector(sid.octets()).match(known.holder);
  }

  // ---- attribute checks ----

  /** An algorithm-protection value as it stood in a message, and Bouncy Castle's reading of it. */
  private record ReadProtection(byte[] der, CMSAlgorithmProtection protection) {

    boolean isOf(Tlv value) {
      return Arrays.equals(value.buf(), value.start(), value.end(), der, 0, der.length);
    }
  }

  /**
   * The algorithm-protection value last read, kept: a signer writes the same bytes into every
   * notice, and reading them with Bouncy Castle cost about 0.3 µs and 1 KB per opening. The reading
   * depends on the bytes alone and the object is immutable; a value that does not read is never
   * kept.
   */
  private volatile ReadProtection lastProtection;

  private CMSAlgorithmProtection algorithmProtection(Tlv value) {
    ReadProtection last = lastProtection;
    if (last != null && last.isOf(value)) {
      return last.protection();
    }
    byte[] der = value.bytes();
    CMSAlgorithmProtection protection = CMSAlgorithmProtection.getInstance(der.clone());
    lastProtection = new ReadProtection(der, protection);
    return protection;
  }

  private void checkAlgorithmProtection(Signed s) throws Refusal {
    Attribute attribute = first(s.signed(), ALGORITHM_PROTECTION);
    if (attribute == null) {
      // RFC 6211 is optional; OpenSSL 3.0 does not write it. Our own signer always does.
      return;
    }
    if (attribute.values().size() != 1) {
      throw new Refusal(
          RejectReason.ALGORITHM_PROTECTION_MISMATCH, "algorithm protection is not single");
    }
    try {
      CMSAlgorithmProtection protection = algorithmProtection(attribute.values().get(0));
      if (!sameAlgorithm(protection.getDigestAlgorithm(), s.digestAlgorithm())
          || !sameAlgorithm(protection.getSignatureAlgorithm(), s.signatureAlgorithm())) {
        throw new Refusal(
            RejectReason.ALGORITHM_PROTECTION_MISMATCH,
            "the signed algorithm protection names other algorithms than the SignerInfo");
      }
    } catch (RuntimeException e) {
      throw new Refusal(
          RejectReason.ALGORITHM_PROTECTION_MISMATCH, "unreadable algorithm protection attribute");
    }
  }

  /** Same OID, and the same parameters where either side has meaningful ones (NULL = absent). */
  private static boolean sameAlgorithm(AlgorithmIdentifier a, AlgorithmIdentifier b) {
    if (a == null || b == null || !a.getAlgorithm().equals(b.getAlgorithm())) {
      return false;
    }
    ASN1Encodable pa = meaningful(a.getParameters());
    ASN1Encodable pb = meaningful(b.getParameters());
    return pa == null ? pb == null : pa.equals(pb);
  }

  private static ASN1Encodable meaningful(ASN1Encodable parameters) {
    return parameters instanceof ASN1Null ? null : parameters;
  }

  private static Instant signingTime(Signed s) throws Refusal {
    Attribute attribute = first(s.signed(), SIGNING_TIME);
    if (attribute.values().size() != 1) {
      throw new Refusal(RejectReason.SIGNED_ATTRIBUTES_MISSING, "signing time is not single");
    }
    try {
      return DerTime.parse(attribute.values().get(0));
    } catch (Malformed e) {
      throw new Refusal(
          RejectReason.SIGNED_ATTRIBUTES_MISSING, "unreadable signing time: " + e.getMessage());
    }
  }

  /**
   * The value of a signed attribute that must occur at most once, with one value, and never as an
   * unsigned attribute (RFC 5652 section 11); null if absent.
   */
  private static Tlv singleValued(Signed s, List<Attribute> unsigned, byte[] type, String name)
      throws Refusal {
    if (count(unsigned, type) > 0) {
      throw badSignature("the " + name + " attribute must not be an unsigned attribute");
    }
    int n = count(s.signed(), type);
    if (n == 0) {
      return null;
    }
    if (n > 1) {
      throw badSignature("more than one " + name + " attribute");
    }
    Attribute a = first(s.signed(), type);
    if (a.values().size() != 1) {
      throw badSignature("a " + name + " attribute must have a single value");
    }
    return a.values().get(0);
  }

  private static Refusal badSignature(String why) {
    return new Refusal(RejectReason.BAD_SIGNATURE, "signature does not verify: " + why);
  }

  private void verifySignature(Signed s, PublicKey signerKey) throws Refusal {
    // Bouncy Castle read the unsigned attributes only here: broken ones were a bad signature.
    List<Attribute> unsigned;
    try {
      unsigned = s.unsignedAttributes() == null ? List.of() : attributes(s.unsignedAttributes());
    } catch (Malformed | NotDer e) {
      throw badSignature("unreadable unsigned attributes: " + e.getMessage());
    }
    // What SignerInformation.verify checked before it computed anything: the signing time.
    singleValued(s, unsigned, SIGNING_TIME, "signing-time");

    boolean ec = SignatureAlgorithms.isEc(signerKey);
    Provider provider = ec ? providers.asymmetric() : providers.fallback();
    ContentVerifier verifier;
    try {
      verifier =
          verifierFor(signerKey, ec, provider)
              .getContentVerifier(s.signatureAlgorithm(), s.digestAlgorithm());
    } catch (OperatorCreationException | RuntimeException e) {
      throw badSignature("no verifier: " + e.getMessage());
    }

    Tlv contentType = singleValued(s, unsigned, CONTENT_TYPE, "content-type");
    if (contentType.tag() != DerReader.OID) {
      throw badSignature("the content-type attribute is not an OBJECT IDENTIFIER");
    }
    if (!contentType.valueEquals(DATA)) {
      throw badSignature("the content-type attribute does not match the eContentType");
    }
    if (count(unsigned, ALGORITHM_PROTECTION) > 0) {
      throw badSignature("the cmsAlgorithmProtect attribute must be a signed attribute");
    }
    if (count(s.signed(), ALGORITHM_PROTECTION) > 1) {
      throw badSignature("more than one cmsAlgorithmProtect attribute");
    }
    Tlv messageDigest = singleValued(s, unsigned, MESSAGE_DIGEST, "message-digest");
    if (messageDigest.tag() != DerReader.OCTET_STRING
        && messageDigest.tag() != DerReader.CONSTRUCTED_OCTET_STRING) {
      throw badSignature("the message-digest attribute is not an OCTET STRING");
    }
    byte[] expected;
    byte[] actual;
    try {
      expected = messageDigest.octets();
      MessageDigest digest =
          MessageDigest.getInstance(AlgorithmPolicy.checkDigest(s.digestAlgorithm()), provider);
      actual = digest.digest(s.content());
    } catch (GeneralSecurityException | Malformed | Refusal | RuntimeException e) {
      throw badSignature("cannot digest the content: " + e.getMessage());
    }
    if (!MessageDigest.isEqual(actual, expected)) {
      throw badSignature("the message-digest attribute does not match the content");
    }
    if (count(s.signed(), COUNTER_SIGNATURE) > 0) {
      throw badSignature("a countersignature must not be a signed attribute");
    }
    for (Attribute a : unsigned) {
      if (a.type().valueEquals(COUNTER_SIGNATURE) && a.values().isEmpty()) {
        throw badSignature("an empty countersignature attribute");
      }
    }

    byte[] reencoded = null;
    if (s.reencodeSignedAttributes()) {
      try {
        reencoded = derSet(s.signedAttributes());
      } catch (Malformed e) {
        // Bouncy Castle re-encoded them inside verify: a failure was a bad signature.
        throw badSignature(e.getMessage());
      }
    }
    boolean valid;
    try (OutputStream out = verifier.getOutputStream()) {
      if (reencoded != null) {
        out.write(reencoded);
      } else {
        // The DER of the SET: the IMPLICIT [0] tag read as the universal SET tag.
        Tlv attrs = s.signedAttributes();
        out.write(DerReader.SET);
        out.write(attrs.buf(), attrs.start() + 1, attrs.end() - attrs.start() - 1);
      }
      out.flush();
      valid = verifier.verify(s.signature());
    } catch (IOException | RuntimeException e) {
      throw badSignature(e.getMessage());
    }
    if (!valid) {
      throw new Refusal(RejectReason.BAD_SIGNATURE, "signature does not verify");
    }
  }

  /** What {@code JcaSimpleSignerInfoVerifierBuilder.setProvider(p).build(key)} builds. */
  private SignerInformationVerifier verifierFor(PublicKey signerKey, boolean ec, Provider provider)
      throws OperatorCreationException {
    PublicKey key = ProviderKeys.forProvider(signerKey, provider);
    return new SignerInformationVerifier(
        NAMES,
        FINDER,
        ec
            ? new EcdsaVerifierProvider(key, provider)
            : new JcaContentVerifierProviderBuilder().setProvider(provider).build(key),
        ec ? asymmetricDigests : fallbackDigests);
  }
}
