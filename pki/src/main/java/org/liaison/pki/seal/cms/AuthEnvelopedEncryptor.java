package org.liaison.pki.seal.cms;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.cms.CMSAlgorithm;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.operator.jcajce.JcaAlgorithmParametersConverter;
import org.liaison.pki.crypto.OwnKeyAgreement;
import org.liaison.pki.crypto.ProviderKeys;

/**
 * Encrypts content once with AES-256-GCM into a CMS AuthEnvelopedData (RFC 5083) and gives the
 * content key to every recipient: EC recipients share one KeyAgreeRecipientInfo per curve (a fresh
 * ephemeral key each; ephemeral-static ECDH with the X9.63 KDF of RFC 5753, AES-256 key wrap,
 * recipients named by issuer and serial number, as OpenSSL does by default), RSA recipients get a
 * KeyTransRecipientInfo with RSA-OAEP (SHA-256).
 *
 * <p>The structure is written directly ({@link Der}) rather than through Bouncy Castle's {@code
 * CMSAuthEnvelopedDataGenerator}: its output streams fed GCM in small pieces and copied the
 * ciphertext through growing buffers, half of the Java time of a seal. Here GCM runs in one {@code
 * doFinal} and the message is written once. The output is the one that generator produced (the
 * tests compare them and have Bouncy Castle decrypt it).
 */
public final class AuthEnvelopedEncryptor {

  private static final int KEY_BYTES = 32;
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BYTES = 16;

  private static final byte[] ID_DATA = SignedDataCreator.oid(CMSObjectIdentifiers.data);
  private static final byte[] ID_AUTH_ENVELOPED_DATA =
      SignedDataCreator.oid(CMSObjectIdentifiers.authEnvelopedData);
  private static final byte[] ID_AES256_GCM = SignedDataCreator.oid(CMSAlgorithm.AES256_GCM);
  private static final byte[] VERSION_0 = Der.integer(0);
  private static final byte[] VERSION_3 = Der.integer(3);
  private static final byte[] TAG_LENGTH = Der.integer(TAG_BYTES);

  /** The key wrap as it appears in the message: id-aes256-wrap, parameters absent. */
  private static final AlgorithmIdentifier KEY_WRAP =
      new AlgorithmIdentifier(CMSAlgorithm.AES256_WRAP);

  private static final Scheme P256 = Scheme.of("secp256r1", CMSAlgorithm.ECDH_SHA256KDF, "SHA-256");
  private static final Scheme P384 = Scheme.of("secp384r1", CMSAlgorithm.ECDH_SHA384KDF, "SHA-384");

  /** RSAES-OAEP with SHA-256 and MGF1-SHA-256, as Bouncy Castle encodes it (pSource absent). */
  private static final byte[] RSA_OAEP_ID;

  static {
    try {
      RSA_OAEP_ID =
          new JcaAlgorithmParametersConverter()
              .getAlgorithmIdentifier(PKCSObjectIdentifiers.id_RSAES_OAEP, oaepSha256())
              .getEncoded(ASN1Encoding.DER);
    } catch (GeneralSecurityException | IOException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final Provider agreementProvider;
  private final Provider contentProvider;
  private final Provider symmetricProvider;
  private final Provider rsaProvider;
  private final SecureRandom random;

  /** The sender's own RecipientInfo by a multiple of the generator, where the provider allows. */
  private final OwnKeyAgreement ownAgreement;

  /**
   * The sender's own encryption key, a software EC key whose scalar can be read, with its
   * certificate: the RecipientInfo for that certificate then gets its shared secret from {@link
   * OwnKeyAgreement} instead of a full ECDH (the same value, several times cheaper).
   */
  public record OwnKey(X509Certificate certificate, ECPrivateKey key) {}

  /**
   * @param agreementProvider ECDH and the ephemeral keys
   * @param contentProvider AES-GCM
   * @param symmetricProvider the AES key wrap
   * @param rsaProvider RSA-OAEP
   */
  public AuthEnvelopedEncryptor(
      Provider agreementProvider,
      Provider contentProvider,
      Provider symmetricProvider,
      Provider rsaProvider,
      SecureRandom random) {
    this.agreementProvider = agreementProvider;
    this.contentProvider = contentProvider;
    this.symmetricProvider = symmetricProvider;
    this.rsaProvider = rsaProvider;
    this.random = random;
    this.ownAgreement = OwnKeyAgreement.forProvider(agreementProvider).orElse(null);
  }

  /**
   * Whether a RecipientInfo for an {@link OwnKey} is computed the cheaper way with these providers.
   */
  public boolean agreesOwnKeyByGenerator() {
    return ownAgreement != null;
  }

  /**
   * @param signedData the encoded SignedData to encrypt. The envelope marks it as id-data, as
   *     OpenSSL does when it encrypts a signed file: RFC 5083 would otherwise require authenticated
   *     attributes, which OpenSSL 3.0 does not process.
   * @param recipients encryption certificates, one RecipientInfo slot each
   * @return the ContentInfo in DER (definite lengths; the RecipientInfos set sorted)
   */
  public byte[] encrypt(byte[] signedData, List<X509Certificate> recipients) throws CMSException {
    return encrypt(signedData, recipients, null);
  }

  /**
   * As {@link #encrypt(byte[], List)}, with the sender's own key for the RecipientInfo of its own
   * certificate (which must be among {@code recipients}).
   *
   * @param own the sender's own encryption key, or null
   */
  public byte[] encrypt(byte[] signedData, List<X509Certificate> recipients, OwnKey own)
      throws CMSException {
    if (recipients.isEmpty()) {
      throw new CMSException("no recipients");
    }
    byte[] keyBytes = new byte[KEY_BYTES];
    try {
      List<CurveGroup> ec = new ArrayList<>(1);
      List<X509Certificate> rsa = new ArrayList<>(0);
      group(recipients, ec, rsa);

      random.nextBytes(keyBytes);
      SecretKey contentKey = new SecretKeySpec(keyBytes, "AES");
      byte[] nonce = new byte[NONCE_BYTES];
      random.nextBytes(nonce);

      List<byte[]> recipientInfos = new ArrayList<>(ec.size() + rsa.size());
      for (CurveGroup group : ec) {
        Scheme scheme = group.fieldSize() > 256 ? P384 : P256;
        recipientInfos.add(keyAgreeRecipientInfo(scheme, group.recipients(), contentKey, own));
      }
      for (X509Certificate cert : rsa) {
        recipientInfos.add(keyTransRecipientInfo(cert, contentKey));
      }

      // The ciphertext and the tag are written by GCM straight into the message (below).
      Der.Reserved encryptedContent = Der.reserved(Der.contextPrimitive(0), signedData.length);
      Der.Reserved mac = Der.reserved(Der.OCTET_STRING, TAG_BYTES);
      Der.Node encryptedContentInfo =
          Der.constructed(
              Der.SEQUENCE,
              Der.encoded(ID_DATA),
              Der.constructed(
                  Der.SEQUENCE,
                  Der.encoded(ID_AES256_GCM),
                  Der.constructed(
                      Der.SEQUENCE,
                      Der.primitive(Der.OCTET_STRING, nonce),
                      Der.encoded(TAG_LENGTH))),
              encryptedContent);
      Der.Node authEnvelopedData =
          Der.constructed(
              Der.SEQUENCE,
              Der.encoded(VERSION_0),
              Der.encoded(Der.setOf(recipientInfos)),
              encryptedContentInfo,
              mac);
      byte[] message =
          Der.constructed(
                  Der.SEQUENCE,
                  Der.encoded(ID_AUTH_ENVELOPED_DATA),
                  Der.constructed(Der.contextConstructed(0), authEnvelopedData))
              .encode();
      encryptInto(message, signedData, contentKey, nonce, encryptedContent.contentOffset(), mac);
      return message;
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new CMSException("cannot encrypt: " + e.getMessage(), e);
    } finally {
      Arrays.fill(keyBytes, (byte) 0);
    }
  }

  /**
   * AES-256-GCM over {@code plaintext} in one {@code doFinal}, written at {@code at} in {@code
   * message}. GCM appends the tag to the ciphertext, where the message has the mac's header (the
   * mac follows the encryptedContent directly, no authAttrs between them): the tag is moved past
   * that header, and the header written again.
   */
  private void encryptInto(
      byte[] message, byte[] plaintext, SecretKey key, byte[] nonce, int at, Der.Reserved mac)
      throws GeneralSecurityException {
    int macHeader = at + plaintext.length;
    if (mac.contentOffset() != macHeader + Der.headerLength(TAG_BYTES)
        || mac.contentOffset() + TAG_BYTES != message.length) {
      throw new IllegalStateException("the mac does not follow the encrypted content");
    }
    Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding", contentProvider);
    gcm.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BYTES * 8, nonce));
    int written = gcm.doFinal(plaintext, 0, plaintext.length, message, at);
    if (written != plaintext.length + TAG_BYTES) {
      throw new GeneralSecurityException("unexpected GCM output length " + written);
    }
    System.arraycopy(message, macHeader, message, mac.contentOffset(), TAG_BYTES);
    Der.writeHeader(message, macHeader, Der.OCTET_STRING, TAG_BYTES);
  }

  /**
   * KeyAgreeRecipientInfo ::= [1] IMPLICIT SEQUENCE { version 3, originator [0] EXPLICIT
   * originatorKey [1] IMPLICIT (the ephemeral key's SubjectPublicKeyInfo), keyEncryptionAlgorithm,
   * recipientEncryptedKeys }; no ukm.
   */
  private byte[] keyAgreeRecipientInfo(
      Scheme scheme, List<X509Certificate> recipients, SecretKey contentKey, OwnKey own)
      throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", agreementProvider);
    generator.initialize(new ECGenParameterSpec(scheme.curve()), random);
    KeyPair ephemeral = generator.generateKeyPair();
    byte[] originatorKey = ephemeral.getPublic().getEncoded();

    List<Der.Node> encryptedKeys = new ArrayList<>(recipients.size());
    for (X509Certificate recipient : recipients) {
      byte[] z =
          isOwn(recipient, own, scheme)
              ? agreeOwn(ephemeral.getPrivate(), own, recipient)
              : agree(ephemeral.getPrivate(), recipient);
      SecretKey kek;
      try {
        kek = EcdhKdf.derive(z, scheme.kdfHash(), scheme.sharedInfo(), 256, agreementProvider);
      } finally {
        Arrays.fill(z, (byte) 0);
      }
      Cipher wrap = Cipher.getInstance("AESWrap", symmetricProvider);
      wrap.init(Cipher.WRAP_MODE, kek);
      byte[] wrapped = wrap.wrap(contentKey);
      // RecipientEncryptedKey ::= SEQUENCE { rid (IssuerAndSerialNumber), encryptedKey }
      encryptedKeys.add(
          Der.constructed(
              Der.SEQUENCE,
              Der.encoded(CertificateIds.issuerAndSerialNumber(recipient)),
              Der.primitive(Der.OCTET_STRING, wrapped)));
    }
    return Der.constructed(
            Der.contextConstructed(1),
            Der.encoded(VERSION_3),
            Der.constructed(
                Der.contextConstructed(0), Der.retagged(Der.contextConstructed(1), originatorKey)),
            Der.encoded(scheme.keyEncryptionAlgorithm()),
            Der.constructed(Der.SEQUENCE, encryptedKeys))
        .encode();
  }

  /** Z of an ephemeral-static ECDH with {@code recipient}'s public key. */
  private byte[] agree(PrivateKey ephemeral, X509Certificate recipient)
      throws GeneralSecurityException {
    KeyAgreement agreement = KeyAgreement.getInstance("ECDH", agreementProvider);
    agreement.init(ephemeral);
    agreement.doPhase(ProviderKeys.forProvider(recipient.getPublicKey(), agreementProvider), true);
    return agreement.generateSecret();
  }

  /**
   * Z for the sender's own RecipientInfo from both private keys; should a key not lend itself to
   * that after all (a scalar that cannot be read), the full ECDH gives the same value.
   */
  private byte[] agreeOwn(PrivateKey ephemeral, OwnKey own, X509Certificate recipient)
      throws GeneralSecurityException {
    try {
      return ownAgreement.sharedSecret(ephemeral, own.key());
    } catch (GeneralSecurityException | RuntimeException notThisKey) {
      return agree(ephemeral, recipient);
    }
  }

  /**
   * Whether {@code recipient} is the sender's own certificate, on the scheme's curve, and the
   * providers allow the cheaper agreement.
   */
  private boolean isOwn(X509Certificate recipient, OwnKey own, Scheme scheme) {
    return own != null
        && ownAgreement != null
        && (recipient == own.certificate() || recipient.equals(own.certificate()))
        && scheme.order().equals(own.key().getParams().getOrder());
  }

  /**
   * KeyTransRecipientInfo ::= SEQUENCE { version 0, rid (IssuerAndSerialNumber),
   * keyEncryptionAlgorithm RSAES-OAEP, encryptedKey }.
   */
  private byte[] keyTransRecipientInfo(X509Certificate recipient, SecretKey contentKey)
      throws GeneralSecurityException {
    Cipher oaep = Cipher.getInstance("RSA/ECB/OAEPPadding", rsaProvider);
    oaep.init(Cipher.WRAP_MODE, recipient.getPublicKey(), oaepSha256(), random);
    byte[] encryptedKey = oaep.wrap(contentKey);
    return Der.constructed(
            Der.SEQUENCE,
            Der.encoded(VERSION_0),
            Der.encoded(CertificateIds.issuerAndSerialNumber(recipient)),
            Der.encoded(RSA_OAEP_ID),
            Der.primitive(Der.OCTET_STRING, encryptedKey))
        .encode();
  }

  /** RSA-OAEP with SHA-256 for both the hash and MGF1, empty label. */
  static OAEPParameterSpec oaepSha256() {
    return new OAEPParameterSpec(
        "SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT);
  }

  /** EC recipients by curve (in order of first appearance), RSA recipients in order. */
  private static void group(
      List<X509Certificate> recipients, List<CurveGroup> ec, List<X509Certificate> rsa)
      throws CMSException {
    for (X509Certificate cert : recipients) {
      PublicKey key = cert.getPublicKey();
      if (key instanceof ECPublicKey ecKey) {
        ECParameterSpec params = ecKey.getParams();
        CurveGroup group = null;
        for (CurveGroup known : ec) {
          if (known.sameCurve(params)) {
            group = known;
            break;
          }
        }
        if (group == null) {
          group = new CurveGroup(params, new ArrayList<>(recipients.size()));
          ec.add(group);
        }
        group.recipients().add(cert);
      } else if (key instanceof RSAPublicKey) {
        rsa.add(cert);
      } else {
        throw new CMSException("unsupported recipient key type " + key.getAlgorithm());
      }
    }
  }

  /**
   * The recipients on one curve. Curves are told apart by field size and generator (without
   * formatting numbers as text); the JDK shares one parameter object per named curve, so the
   * comparison is mostly by identity.
   */
  private record CurveGroup(ECParameterSpec params, List<X509Certificate> recipients) {

    int fieldSize() {
      return params.getCurve().getField().getFieldSize();
    }

    boolean sameCurve(ECParameterSpec other) {
      return other == params
          || (other.getCurve().getField().getFieldSize() == fieldSize()
              && other.getGenerator().getAffineX().equals(params.getGenerator().getAffineX()));
    }
  }

  /**
   * The key agreement for one curve: the ephemeral key's curve and its order, the KDF's hash, and
   * the parts that are the same in every message (the keyEncryptionAlgorithm, the
   * ECC-CMS-SharedInfo), encoded once.
   */
  private record Scheme(
      String curve,
      BigInteger order,
      String kdfHash,
      byte[] keyEncryptionAlgorithm,
      byte[] sharedInfo) {

    static Scheme of(String curve, ASN1ObjectIdentifier scheme, String kdfHash) {
      try {
        return new Scheme(
            curve,
            ECNamedCurveTable.getByName(curve).getN(),
            kdfHash,
            new AlgorithmIdentifier(scheme, KEY_WRAP).getEncoded(ASN1Encoding.DER),
            EcdhKdf.sharedInfo(KEY_WRAP, null));
      } catch (GeneralSecurityException | IOException e) {
        throw new ExceptionInInitializerError(e);
      }
    }
  }
}
