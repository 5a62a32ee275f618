package org.liaison.pki.seal;

import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.bouncycastle.cms.CMSException;
import org.liaison.pki.crypto.ProviderChoice;
import org.liaison.pki.keys.PrivateKeyHandle;
import org.liaison.pki.seal.cms.AuthEnvelopedEncryptor;
import org.liaison.pki.seal.cms.CertificateIds;
import org.liaison.pki.seal.cms.SignedDataCreator;
import org.liaison.schemas.avro.CaseNotice;
import org.liaison.schemas.codec.AvroCodec;

/**
 * Seals a notice: Avro single-object encoding, then CMS SignedData by the sending unit's signing
 * key, then CMS AuthEnvelopedData (AES-256-GCM, one ciphertext) with a RecipientInfo for every
 * recipient's encryption certificate and one for the sender's own. Thread-safe.
 */
public final class NoticeSealer {

  private final ProviderChoice providers;
  private final Clock clock;
  private final SignedDataCreator signer;
  private final AuthEnvelopedEncryptor encryptor;
  private final AvroCodec<CaseNotice> codec = AvroCodec.caseNotices();

  public NoticeSealer(ProviderChoice providers, Clock clock) {
    this.providers = Objects.requireNonNull(providers, "providers");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.signer = new SignedDataCreator(providers.asymmetric());
    this.encryptor =
        new AuthEnvelopedEncryptor(
            providers.asymmetric(),
            providers.content(),
            providers.symmetric(),
            providers.fallback(),
            new SecureRandom());
  }

  /**
   * Seals {@code notice}.
   *
   * @param signing the sending unit's signing key; its certificate must name the notice's
   *     originator
   * @param senderEncryption the sender's own encryption key, so that it can read what it sent. A
   *     software EC key also makes its RecipientInfo cheaper to compute ({@link
   *     org.liaison.pki.crypto.OwnKeyAgreement}); an HSM key is used through its certificate only.
   * @param recipientEncryption the recipients' encryption certificates
   * @return the sealed notice, a CMS ContentInfo in definite-length encoding
   * @throws SealingException when the notice does not encode, the signer is not the originator, or
   *     a key or certificate cannot be used
   */
  public byte[] seal(
      CaseNotice notice,
      PrivateKeyHandle signing,
      PrivateKeyHandle senderEncryption,
      List<X509Certificate> recipientEncryption) {
    X509Certificate certificate = senderEncryption.certificate();
    AuthEnvelopedEncryptor.OwnKey own =
        senderEncryption.requiredProvider().isEmpty()
                && senderEncryption.privateKey() instanceof ECPrivateKey key
            ? new AuthEnvelopedEncryptor.OwnKey(certificate, key)
            : null;
    return seal(notice, signing, certificate, own, recipientEncryption);
  }

  /**
   * Seals {@code notice} with the sender's encryption certificate alone (every RecipientInfo by a
   * full ECDH or RSA-OAEP).
   *
   * @param senderEncryption the sender's own encryption certificate, so that it can read what it
   *     sent
   * @see #seal(CaseNotice, PrivateKeyHandle, PrivateKeyHandle, List)
   */
  public byte[] seal(
      CaseNotice notice,
      PrivateKeyHandle signing,
      X509Certificate senderEncryption,
      List<X509Certificate> recipientEncryption) {
    return seal(notice, signing, senderEncryption, null, recipientEncryption);
  }

  private byte[] seal(
      CaseNotice notice,
      PrivateKeyHandle signing,
      X509Certificate senderEncryption,
      AuthEnvelopedEncryptor.OwnKey own,
      List<X509Certificate> recipientEncryption) {
    SigningKeys.requireUnit(signing, notice.getOriginator(), "the notice's originator is");
    byte[] encoded;
    try {
      encoded = codec.encode(notice);
    } catch (RuntimeException e) {
      throw new SealingException("the notice does not encode: " + e.getMessage(), e);
    }
    try {
      byte[] signed =
          signer.sign(
              encoded,
              SigningKeys.key(providers, signing),
              SigningKeys.provider(providers, signing),
              signing.chain(),
              clock.instant());
      return encryptor.encrypt(signed, distinct(senderEncryption, recipientEncryption), own);
    } catch (CMSException | RuntimeException e) {
      throw new SealingException("cannot seal: " + e.getMessage(), e);
    }
  }

  /**
   * The sender first, each certificate once (a sender that also lists itself gets one slot), told
   * apart by issuer and serial number as the RecipientInfos name them (the encoded issuer name).
   */
  private static List<X509Certificate> distinct(
      X509Certificate sender, List<X509Certificate> recipients) {
    Map<Object, X509Certificate> byIssuerSerial = new LinkedHashMap<>();
    List<X509Certificate> all = new ArrayList<>();
    all.add(Objects.requireNonNull(sender, "sender encryption certificate"));
    all.addAll(recipients);
    for (X509Certificate cert : all) {
      byIssuerSerial.putIfAbsent(CertificateIds.issuerAndSerialKey(cert), cert);
    }
    return List.copyOf(byIssuerSerial.values());
  }
}
