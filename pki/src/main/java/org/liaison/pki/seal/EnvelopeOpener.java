package org.liaison.pki.seal;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.GCMParameters;
import org.bouncycastle.asn1.cms.KEKRecipientInfo;
import org.bouncycastle.asn1.cms.RecipientInfo;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.selector.X509CertificateHolderSelector;
import org.bouncycastle.cms.CMSException;
import org.liaison.pki.crypto.ProviderChoice;
import org.liaison.pki.crypto.ProviderKeys;
import org.liaison.pki.keys.PrivateKeyHandle;
import org.liaison.pki.seal.cms.DerReader;
import org.liaison.pki.seal.cms.DerReader.Malformed;
import org.liaison.pki.seal.cms.DerReader.NotDer;
import org.liaison.pki.seal.cms.DerReader.Tlv;
import org.liaison.pki.seal.cms.EcdhContentKey;
import org.liaison.pki.seal.cms.GcmDecryption;
import org.liaison.pki.seal.cms.RsaOaepAuthEnvelopedRecipient;
import org.liaison.pki.seal.cms.SignatureAlgorithms;

/**
 * The envelope steps of opening, in order: size, CMS structure, a RecipientInfo for this unit, the
 * envelope's algorithms (before any key is touched, so that no disallowed algorithm ever runs on
 * hostile input), then key recovery and AES-GCM decryption with its tag.
 *
 * <p>The CMS is read with {@link DerReader} straight from the bytes, with the structure rules
 * Bouncy Castle's {@code AuthEnvelopedData} and {@code CMSAuthEnvelopedData} apply (version 0, at
 * least one RecipientInfo, authAttrs present for other content than id-data, every RecipientInfo
 * well-formed), and one Bouncy Castle added in 2026: an AES-GCM mac exactly as long as the ICV
 * length declared; BER input (OpenSSL's) is first rewritten with definite lengths by Bouncy Castle.
 */
final class EnvelopeOpener {

  /** What came out of the envelope. */
  record Decrypted(byte[] content, String contentEncryption, String keyManagement) {}

  private static final byte[] AUTH_ENVELOPED_DATA =
      DerReader.contentOf(CMSObjectIdentifiers.authEnvelopedData);
  private static final byte[] ENVELOPED_DATA =
      DerReader.contentOf(CMSObjectIdentifiers.envelopedData);
  private static final byte[] DATA = DerReader.contentOf(CMSObjectIdentifiers.data);
  private static final byte[] SIGNED_DATA = DerReader.contentOf(CMSObjectIdentifiers.signedData);
  private static final Set<ASN1ObjectIdentifier> GCM =
      Set.of(
          NISTObjectIdentifiers.id_aes128_GCM,
          NISTObjectIdentifiers.id_aes192_GCM,
          NISTObjectIdentifiers.id_aes256_GCM);

  private final ProviderChoice providers;
  private final long maxBytes;

  EnvelopeOpener(ProviderChoice providers, long maxBytes) {
    this.providers = providers;
    this.maxBytes = maxBytes;
  }

  /**
   * Opens {@code sealed} with whichever of {@code myKeys} its RecipientInfos name: the key is
   * picked by the recipient identifier (issuer and serial number, or subject key identifier) of
   * each key's certificate, never by trying to decrypt with each, so that a unit holding its older
   * encryption keys after a rotation costs one decryption per notice, as before.
   */
  Decrypted open(byte[] sealed, List<PrivateKeyHandle> myKeys) throws Refusal {
    if (sealed == null || sealed.length == 0) {
      throw new Refusal(RejectReason.MALFORMED_CMS, "empty input");
    }
    if (sealed.length > maxBytes) {
      throw new Refusal(
          RejectReason.OVERSIZE, sealed.length + " bytes, more than the limit of " + maxBytes);
    }
    List<Mine> mine = new ArrayList<>(myKeys.size());
    for (PrivateKeyHandle key : myKeys) {
      mine.add(mine(key.certificate()));
    }
    Envelope envelope;
    try {
      envelope = readEither(sealed, mine);
    } catch (Malformed e) {
      throw new Refusal(
          RejectReason.MALFORMED_CMS, "not a valid AuthEnvelopedData: " + e.getMessage());
    } catch (RuntimeException e) {
      // Not expected from the reader; but hostile bytes must end in a refusal, never a throw.
      throw new Refusal(
          RejectReason.MALFORMED_CMS,
          "not a valid AuthEnvelopedData: " + e.getClass().getSimpleName());
    }
    Recipient recipient = envelope.mine();
    if (recipient == null) {
      throw new Refusal(
          RejectReason.NO_RECIPIENT_INFO,
          "none of "
              + envelope.recipientCount()
              + " RecipientInfos names this unit's encryption certificate"
              + (myKeys.size() == 1 ? "" : " or one of its " + (myKeys.size() - 1) + " older"));
    }
    PrivateKeyHandle key = myKeys.get(indexOf(mine, recipient.me()));
    AlgorithmIdentifier contentAlgorithm = envelope.contentAlgorithm();
    String contentEncryption = AlgorithmPolicy.checkContentEncryption(contentAlgorithm);
    String keyManagement = AlgorithmPolicy.checkKeyManagement(recipient.keyEncryptionAlgorithm());
    Tlv innerType = envelope.contentType();
    if (!innerType.valueEquals(SIGNED_DATA) && !innerType.valueEquals(DATA)) {
      throw new Refusal(
          RejectReason.MALFORMED_SIGNED_DATA, "the envelope holds " + DerReader.dotted(innerType));
    }
    byte[] content;
    try {
      Provider keyProvider = keyProvider(key);
      Key contentKey =
          contentKey(
              recipient,
              contentAlgorithm,
              recipient.me(),
              agreementKey(key, keyProvider),
              keyProvider);
      if (envelope.ciphertext() == null) {
        throw new GeneralSecurityException("no encrypted content");
      }
      content =
          GcmDecryption.decrypt(
              contentAlgorithm,
              contentKey,
              envelope.aad(),
              ciphertextAndTag(envelope.ciphertext(), envelope.mac()),
              providers.content());
    } catch (GeneralSecurityException | CMSException | Malformed | RuntimeException e) {
      throw new Refusal(
          RejectReason.DECRYPTION_FAILED,
          "content key or authentication tag did not verify: " + e.getMessage());
    }
    return new Decrypted(content, contentEncryption, keyManagement);
  }

  private static int indexOf(List<Mine> mine, Mine found) {
    for (int i = 0; i < mine.size(); i++) {
      if (mine.get(i) == found) {
        return i;
      }
    }
    throw new IllegalStateException("a RecipientInfo matched a certificate not among ours");
  }

  /** An HSM's handle as it is; a software key as the provider's own object, converted once. */
  private static PrivateKey agreementKey(PrivateKeyHandle key, Provider keyProvider) {
    return key.requiredProvider().isPresent()
        ? key.privateKey()
        : ProviderKeys.forProvider(key.privateKey(), keyProvider);
  }

  private Provider keyProvider(PrivateKeyHandle key) {
    X509Certificate cert = key.certificate();
    return key.requiredProvider()
        .orElse(
            SignatureAlgorithms.isEc(cert.getPublicKey())
                ? providers.asymmetric()
                : providers.fallback());
  }

  /** The ciphertext with the mac appended, copied once from the input. */
  private static byte[] ciphertextAndTag(Tlv ciphertext, Tlv mac) throws Malformed {
    if (ciphertext.constructed() || mac.constructed()) {
      byte[] c = ciphertext.octets();
      byte[] m = mac.octets();
      byte[] out = Arrays.copyOf(c, c.length + m.length);
      System.arraycopy(m, 0, out, c.length, m.length);
      return out;
    }
    byte[] out = new byte[ciphertext.length() + mac.length()];
    System.arraycopy(ciphertext.buf(), ciphertext.valueStart(), out, 0, ciphertext.length());
    System.arraycopy(mac.buf(), mac.valueStart(), out, ciphertext.length(), mac.length());
    return out;
  }

  private Key contentKey(
      Recipient mine,
      AlgorithmIdentifier contentAlgorithm,
      Mine me,
      PrivateKey key,
      Provider keyProvider)
      throws GeneralSecurityException, CMSException, Malformed {
    if (mine.agree()) {
      if (mine.originatorKey() == null) {
        throw new GeneralSecurityException(
            "an originator named by IssuerAndSerialNumber or SubjectKeyIdentifier is not supported");
      }
      return EcdhContentKey.recover(
          key,
          me.originatorKey(mine.originatorKey()),
          mine.keyEncryptionAlgorithm(),
          mine.ukm() == null ? null : mine.ukm().octets(),
          mine.encryptedKey().octets(),
          keyProvider,
          providers.asymmetric(),
          providers.symmetric());
    }
    return new RsaOaepAuthEnvelopedRecipient(key, keyProvider, providers.symmetric())
        .contentKey(mine.keyEncryptionAlgorithm(), contentAlgorithm, mine.encryptedKey().octets());
  }

  // ---- reading the structure ----

  /** This unit's RecipientInfo (one RecipientEncryptedKey of it, for key agreement). */
  private record Recipient(
      Mine me,
      boolean agree,
      AlgorithmIdentifier keyEncryptionAlgorithm,
      Tlv originatorKey,
      Tlv ukm,
      Tlv encryptedKey) {}

  private record Envelope(
      Tlv contentType,
      AlgorithmIdentifier contentAlgorithm,
      Tlv ciphertext,
      byte[] aad,
      Tlv mac,
      int recipientCount,
      Recipient mine) {}

  private static Envelope readEither(byte[] sealed, List<Mine> me) throws Refusal, Malformed {
    try {
      return read(sealed, me);
    } catch (NotDer notDer) {
      byte[] normalised = DerReader.normalise(sealed);
      try {
        return read(normalised, me);
      } catch (NotDer stillNot) {
        throw new Malformed("after normalisation: " + stillNot.getMessage());
      }
    }
  }

  private static Envelope read(byte[] b, List<Mine> me) throws Refusal, Malformed, NotDer {
    DerReader.validate(b, 0, b.length);
    DerReader top = new DerReader(b);
    DerReader ci = top.next(DerReader.SEQUENCE).reader();
    Tlv type = ci.next(DerReader.OID);
    if (type.valueEquals(ENVELOPED_DATA)) {
      // EnvelopedData carries no integrity (CBC): refused as an algorithm, not as garbage.
      throw new Refusal(
          RejectReason.ALGORITHM_NOT_ALLOWED,
          "EnvelopedData without authenticated encryption is not on the allow-list");
    }
    if (!type.valueEquals(AUTH_ENVELOPED_DATA)) {
      throw new Refusal(
          RejectReason.MALFORMED_CMS,
          "content type " + DerReader.dotted(type) + ", not AuthEnvelopedData");
    }
    DerReader explicit = ci.next(0xA0).reader();
    ci.end();
    DerReader a = explicit.next(DerReader.SEQUENCE).reader();
    explicit.end();

    Tlv version = a.next(DerReader.INTEGER);
    if (version.length() != 1 || version.buf()[version.valueStart()] != 0) {
      throw new Malformed("AuthEnvelopedData version is not 0");
    }
    a.optional(0xA0); // originatorInfo: certificates and CRLs opening does not use
    Tlv recipientInfos = a.next(DerReader.SET);
    Tlv encryptedContentInfo = a.next(DerReader.SEQUENCE);
    Tlv authAttrs = a.optional(0xA1);
    Tlv mac = a.nextOctetString();
    a.optional(0xA2); // unauthAttrs
    a.end();

    DerReader eci = encryptedContentInfo.reader();
    Tlv contentType = eci.next(DerReader.OID);
    AlgorithmIdentifier contentAlgorithm = DerReader.algorithm(eci.next(DerReader.SEQUENCE));
    Tlv ciphertext = eci.optional(0x80);
    if (ciphertext == null) {
      ciphertext = eci.optional(0xA0);
    }
    eci.end();
    if (authAttrs == null && !contentType.valueEquals(DATA)) {
      throw new Malformed("authAttrs must be present with other content than id-data");
    }
    checkMacLength(contentAlgorithm, mac);

    int count = 0;
    Recipient mine = null;
    DerReader infos = recipientInfos.reader();
    while (infos.hasMore()) {
      Tlv info = infos.next();
      count++;
      Recipient found =
          switch (info.tag()) {
            case DerReader.SEQUENCE -> keyTrans(info, me);
            case 0xA1 -> keyAgree(info, me);
            case 0xA2, 0xA3, 0xA4 -> otherRecipientInfo(info);
            default ->
                throw new Malformed("RecipientInfo with tag 0x" + Integer.toHexString(info.tag()));
          };
      if (mine == null) {
        mine = found;
      }
    }
    if (count == 0) {
      throw new Malformed("AuthEnvelopedData requires at least one RecipientInfo");
    }
    return new Envelope(
        contentType, contentAlgorithm, ciphertext, aad(authAttrs), mac, count, mine);
  }

  /**
   * RFC 5083 and 5084: the mac of an AES-GCM envelope is the ICV, as long as the aes-ICVlen its
   * parameters declare. Checked because opening appends the mac to the ciphertext and hands both to
   * the cipher, as Bouncy Castle's CMS layer did before its 2026 fix: a mac shorter or longer than
   * declared with the ciphertext longer or shorter by as much gives the same bytes to the cipher,
   * so the envelope could be re-cut without the tag noticing. Parameters that do not parse are left
   * to the allow-list, which refuses them.
   */
  private static void checkMacLength(AlgorithmIdentifier contentAlgorithm, Tlv mac)
      throws Malformed {
    if (!GCM.contains(contentAlgorithm.getAlgorithm())) {
      return;
    }
    int declared;
    try {
      declared = GCMParameters.getInstance(contentAlgorithm.getParameters()).getIcvLen();
    } catch (RuntimeException e) {
      return;
    }
    int length = mac.constructed() ? mac.octets().length : mac.length();
    if (length != declared) {
      throw new Malformed("a mac of " + length + " bytes, the ICV length declared is " + declared);
    }
  }

  /** RFC 5083: the DER encoding of the authAttrs SET, as Bouncy Castle computes it. */
  private static byte[] aad(Tlv authAttrs) throws Malformed {
    if (authAttrs == null) {
      return null;
    }
    try {
      return ASN1Primitive.fromByteArray(authAttrs.retagged(DerReader.SET))
          .getEncoded(ASN1Encoding.DER);
    } catch (IOException | RuntimeException e) {
      throw new Malformed("unreadable authAttrs");
    }
  }

  /** KeyTransRecipientInfo: version, rid, keyEncryptionAlgorithm, encryptedKey. */
  private static Recipient keyTrans(Tlv info, List<Mine> mine) throws Malformed, NotDer {
    DerReader r = info.reader();
    DerReader.checkInteger(r.next(DerReader.INTEGER));
    Tlv rid = r.next();
    AlgorithmIdentifier alg = DerReader.knownAlgorithm(r.next(DerReader.SEQUENCE));
    Tlv encryptedKey = r.nextOctetString();
    r.end();
    Mine me;
    if (rid.tag() == DerReader.SEQUENCE) {
      me = byIssuerAndSerial(mine, rid);
    } else if (rid.tag() == 0x80 || rid.tag() == 0xA0) {
      me = bySubjectKeyId(mine, rid.octets());
    } else {
      throw new Malformed("KeyTransRecipientInfo rid with tag 0x" + Integer.toHexString(rid.tag()));
    }
    return me != null ? new Recipient(me, false, alg, null, null, encryptedKey) : null;
  }

  /** Which of our certificates an IssuerAndSerialNumber names, if any. */
  private static Mine byIssuerAndSerial(List<Mine> mine, Tlv iasn) throws Malformed, NotDer {
    Tlv[] parts = issuerAndSerial(iasn);
    for (Mine me : mine) {
      if (me.matchesIssuerAndSerial(parts)) {
        return me;
      }
    }
    return null;
  }

  /** Which of our certificates a subject key identifier names, if any. */
  private static Mine bySubjectKeyId(List<Mine> mine, byte[] ski) {
    for (Mine me : mine) {
      if (me.matchesSubjectKeyId(ski)) {
        return me;
      }
    }
    return null;
  }

  /**
   * KeyAgreeRecipientInfo: version, originator [0], ukm [1] optional, keyEncryptionAlgorithm,
   * RecipientEncryptedKeys; the first RecipientEncryptedKey for us.
   */
  private static Recipient keyAgree(Tlv info, List<Mine> mine) throws Malformed, NotDer {
    DerReader r = info.reader();
    DerReader.checkInteger(r.next(DerReader.INTEGER));
    DerReader originatorChoice = r.next(0xA0).reader();
    Tlv originator = originatorChoice.next();
    originatorChoice.end();
    Tlv originatorKey = null;
    switch (originator.tag()) {
      case DerReader.SEQUENCE -> issuerAndSerial(originator);
      case 0x80, 0xA0 -> originator.octets(); // subjectKeyIdentifier
      case 0xA1 -> {
        DerReader pk = originator.reader();
        DerReader.knownAlgorithm(pk.next(DerReader.SEQUENCE));
        Tlv bits = pk.next(DerReader.BIT_STRING);
        pk.end();
        int unused = bits.buf()[bits.valueStart()];
        if (unused != 0 && (bits.buf()[bits.end() - 1] & ((1 << unused) - 1)) != 0) {
          // Bouncy Castle's OriginatorPublicKey takes only a BIT STRING in DER form (unused bits
          // zero); anything else was malformed there.
          throw new Malformed("the originator's public key is not a DER BIT STRING");
        }
        originatorKey = originator;
      }
      default -> throw new Malformed("unknown OriginatorIdentifierOrKey");
    }
    Tlv ukm = null;
    Tlv ukmExplicit = r.optional(0xA1);
    if (ukmExplicit != null) {
      DerReader u = ukmExplicit.reader();
      ukm = u.nextOctetString();
      u.end();
    }
    AlgorithmIdentifier alg = DerReader.knownAlgorithm(r.next(DerReader.SEQUENCE));
    DerReader keys = r.next(DerReader.SEQUENCE).reader();
    r.end();
    Recipient found = null;
    while (keys.hasMore()) {
      DerReader rek = keys.next(DerReader.SEQUENCE).reader();
      Tlv rid = rek.next();
      Tlv encryptedKey = rek.nextOctetString();
      rek.end();
      Mine me;
      if (rid.tag() == DerReader.SEQUENCE) {
        me = byIssuerAndSerial(mine, rid);
      } else if (rid.tag() == 0xA0) {
        // RecipientKeyIdentifier: subjectKeyIdentifier, date optional, other optional
        DerReader rki = rid.reader();
        Tlv ski = rki.nextOctetString();
        rki.optional(DerReader.GENERALIZED_TIME);
        Tlv other = rki.optional(DerReader.SEQUENCE);
        if (other != null) {
          other.reader().next(DerReader.OID);
        }
        rki.end();
        me = bySubjectKeyId(mine, ski.octets());
      } else {
        throw new Malformed(
            "KeyAgreeRecipientIdentifier with tag 0x" + Integer.toHexString(rid.tag()));
      }
      if (me != null && found == null) {
        found = new Recipient(me, true, alg, originatorKey, ukm, encryptedKey);
      }
    }
    return found;
  }

  /** KEK, password and other RecipientInfos: never ours, but parsed as Bouncy Castle does. */
  private static Recipient otherRecipientInfo(Tlv info) throws Malformed {
    try {
      Object parsed =
          RecipientInfo.getInstance(ASN1Primitive.fromByteArray(info.bytes())).getInfo();
      if (parsed instanceof KEKRecipientInfo kek) {
        kek.getKekid().getKeyIdentifier().getOctets();
      }
      return null;
    } catch (IOException | RuntimeException e) {
      throw new Malformed("unreadable RecipientInfo: " + e.getMessage());
    }
  }

  /** IssuerAndSerialNumber: a Name and an INTEGER; returns {issuer, serial}. */
  static Tlv[] issuerAndSerial(Tlv iasn) throws Malformed, NotDer {
    DerReader r = iasn.reader();
    Tlv issuer = r.next(DerReader.SEQUENCE);
    Tlv serial = r.next(DerReader.INTEGER);
    r.end();
    checkName(issuer);
    return new Tlv[] {issuer, serial};
  }

  /**
   * Name: a SEQUENCE OF RelativeDistinguishedName, each a SET. Bouncy Castle's X500Name checks no
   * more when it parses (it reads the attribute values only when it compares names).
   */
  static void checkName(Tlv name) throws Malformed, NotDer {
    DerReader rdns = name.reader();
    while (rdns.hasMore()) {
      rdns.next(DerReader.SET);
    }
  }

  // ---- our own certificate ----

  /**
   * Our encryption certificate with what a RecipientInfo is matched against, kept: it is the same
   * for every notice.
   */
  private record Mine(
      X509Certificate certificate,
      byte[] issuer,
      byte[] serial,
      X509CertificateHolder holder,
      byte[] keyAlgorithm) {

    /**
     * Bouncy Castle's RecipientId match: the same serial number and an equal issuer name (equal
     * bytes, or the same name by X.500 comparison rules).
     */
    boolean matchesIssuerAndSerial(Tlv[] parts) throws Malformed {
      if (!parts[1].valueEquals(serial)) {
        return false;
      }
      if (Arrays.equals(
          parts[0].buf(), parts[0].start(), parts[0].end(), issuer, 0, issuer.length)) {
        return true;
      }
      try {
        return X500Name.getInstance(parts[0].bytes()).equals(holder.getIssuer());
      } catch (RuntimeException e) {
        throw new Malformed("unreadable issuer name");
      }
    }

    /** Bouncy Castle's match of a subject key identifier (the extension, or its own fallback). */
    boolean matchesSubjectKeyId(byte[] ski) {
      return new X509CertificateHolderSelector(ski).match(holder);
    }

    /**
     * The originator's OriginatorPublicKey ([1] IMPLICIT: an algorithm and a BIT STRING) as a
     * SubjectPublicKeyInfo with our own key's algorithm identifier, as Bouncy Castle's
     * KeyAgreeRecipientInformation builds it: the message's algorithm identifier is only parsed,
     * the curve is always ours.
     */
    byte[] originatorKey(Tlv originator) throws Malformed {
      DerReader r = originator.reader();
      Tlv bits;
      try {
        r.next(DerReader.SEQUENCE);
        bits = r.next(DerReader.BIT_STRING);
      } catch (NotDer e) {
        throw new Malformed(e.getMessage());
      }
      return DerReader.encode(DerReader.SEQUENCE, keyAlgorithm, bits.bytes());
    }
  }

  /**
   * What each of our certificates is matched with, kept: it is the same for every notice. A gateway
   * holds a few units with a few keys each; the bound only keeps a misuse from growing it forever.
   */
  private final Map<X509Certificate, Mine> kept = new ConcurrentHashMap<>();

  private static final int MAX_KEPT = 256;

  private Mine mine(X509Certificate myCertificate) {
    Mine known = kept.get(myCertificate);
    if (known != null) {
      return known;
    }
    if (kept.size() >= MAX_KEPT) {
      kept.clear();
    }
    try {
      X509CertificateHolder holder = new X509CertificateHolder(myCertificate.getEncoded());
      BigInteger serial = myCertificate.getSerialNumber();
      byte[] keyAlgorithm =
          SubjectPublicKeyInfo.getInstance(myCertificate.getPublicKey().getEncoded())
              .getAlgorithm()
              .getEncoded(ASN1Encoding.DER);
      Mine fresh =
          new Mine(
              myCertificate,
              myCertificate.getIssuerX500Principal().getEncoded(),
              serial.toByteArray(),
              holder,
              keyAlgorithm);
      kept.put(myCertificate, fresh);
      return fresh;
    } catch (CertificateEncodingException | IOException e) {
      throw new IllegalStateException("our own certificate does not encode", e);
    }
  }
}
