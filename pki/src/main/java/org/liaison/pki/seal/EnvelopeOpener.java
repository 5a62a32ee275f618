package org.liaison.pki.seal;

import java.io.IOException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.cms.AuthEnvelopedData;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSAuthEnvelopedData;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.KeyAgreeRecipientInformation;
import org.bouncycastle.cms.KeyTransRecipientInformation;
import org.bouncycastle.cms.Recipient;
import org.bouncycastle.cms.RecipientInformation;
import org.liaison.pki.crypto.ProviderChoice;
import org.liaison.pki.seal.cms.EcdhAuthEnvelopedRecipient;
import org.liaison.pki.seal.cms.RsaOaepAuthEnvelopedRecipient;

/**
 * The envelope steps of opening, in order: size, CMS structure, a RecipientInfo for this unit, the
 * envelope's algorithms (before any key is touched, so that no disallowed algorithm ever runs on
 * hostile input), then key recovery and AES-GCM decryption with its tag.
 */
final class EnvelopeOpener {

  /** What came out of the envelope. */
  record Decrypted(byte[] content, String contentEncryption, String keyManagement) {}

  private final ProviderChoice providers;
  private final long maxBytes;

  EnvelopeOpener(ProviderChoice providers, long maxBytes) {
    this.providers = providers;
    this.maxBytes = maxBytes;
  }

  Decrypted open(
      byte[] sealed, X509Certificate myCertificate, PrivateKey myKey, Provider keyProvider)
      throws Refusal {
    if (sealed == null || sealed.length == 0) {
      throw new Refusal(RejectReason.MALFORMED_CMS, "empty input");
    }
    if (sealed.length > maxBytes) {
      throw new Refusal(
          RejectReason.OVERSIZE, sealed.length + " bytes, more than the limit of " + maxBytes);
    }
    ContentInfo contentInfo = parse(sealed);
    AuthEnvelopedData structure;
    CMSAuthEnvelopedData envelope;
    try {
      structure = AuthEnvelopedData.getInstance(contentInfo.getContent());
      envelope = new CMSAuthEnvelopedData(contentInfo);
    } catch (CMSException | RuntimeException e) {
      throw new Refusal(RejectReason.MALFORMED_CMS, "not a valid AuthEnvelopedData");
    }
    RecipientInformation mine = recipientFor(envelope, myCertificate);
    String contentEncryption =
        AlgorithmPolicy.checkContentEncryption(
            structure.getAuthEncryptedContentInfo().getContentEncryptionAlgorithm());
    String keyManagement = AlgorithmPolicy.checkKeyManagement(mine.getKeyEncryptionAlgorithm());
    ASN1ObjectIdentifier innerType = structure.getAuthEncryptedContentInfo().getContentType();
    if (!CMSObjectIdentifiers.signedData.equals(innerType)
        && !CMSObjectIdentifiers.data.equals(innerType)) {
      throw new Refusal(
          RejectReason.MALFORMED_SIGNED_DATA, "the envelope holds " + innerType.getId());
    }
    byte[] content;
    try {
      content = mine.getContent(recipient(mine, myCertificate, myKey, keyProvider));
    } catch (CMSException | RuntimeException e) {
      throw new Refusal(
          RejectReason.DECRYPTION_FAILED,
          "content key or authentication tag did not verify: " + e.getMessage());
    }
    return new Decrypted(content, contentEncryption, keyManagement);
  }

  private static ContentInfo parse(byte[] sealed) throws Refusal {
    ContentInfo contentInfo;
    try (ASN1InputStream in = new ASN1InputStream(sealed)) {
      ASN1Primitive primitive = in.readObject();
      if (primitive == null || in.available() > 0) {
        throw new Refusal(RejectReason.MALFORMED_CMS, "trailing or missing data");
      }
      contentInfo = ContentInfo.getInstance(primitive);
    } catch (IOException | RuntimeException e) {
      throw new Refusal(RejectReason.MALFORMED_CMS, "not a CMS ContentInfo: " + e.getMessage());
    }
    ASN1ObjectIdentifier type = contentInfo.getContentType();
    if (CMSObjectIdentifiers.envelopedData.equals(type)) {
      // EnvelopedData carries no integrity (CBC): refused as an algorithm, not as garbage.
      throw new Refusal(
          RejectReason.ALGORITHM_NOT_ALLOWED,
          "EnvelopedData without authenticated encryption is not on the allow-list");
    }
    if (!CMSObjectIdentifiers.authEnvelopedData.equals(type)) {
      throw new Refusal(
          RejectReason.MALFORMED_CMS, "content type " + type.getId() + ", not AuthEnvelopedData");
    }
    return contentInfo;
  }

  /** Our own certificate as a Bouncy Castle holder, kept: it is the same for every notice. */
  private record Mine(X509Certificate certificate, X509CertificateHolder holder) {}

  private volatile Mine mine;

  private X509CertificateHolder holder(X509Certificate myCertificate) {
    Mine last = mine;
    if (last != null && last.certificate().equals(myCertificate)) {
      return last.holder();
    }
    try {
      X509CertificateHolder holder = new X509CertificateHolder(myCertificate.getEncoded());
      mine = new Mine(myCertificate, holder);
      return holder;
    } catch (CertificateEncodingException | IOException e) {
      throw new IllegalStateException("our own certificate does not encode", e);
    }
  }

  private RecipientInformation recipientFor(
      CMSAuthEnvelopedData envelope, X509Certificate myCertificate) throws Refusal {
    X509CertificateHolder holder = holder(myCertificate);
    Collection<RecipientInformation> all;
    try {
      all = envelope.getRecipientInfos().getRecipients();
    } catch (RuntimeException e) {
      throw new Refusal(RejectReason.MALFORMED_CMS, "unreadable RecipientInfos");
    }
    for (RecipientInformation candidate : all) {
      if (candidate.getRID().match(holder)) {
        return candidate;
      }
    }
    throw new Refusal(
        RejectReason.NO_RECIPIENT_INFO,
        "none of " + all.size() + " RecipientInfos names this unit's encryption certificate");
  }

  private Recipient recipient(
      RecipientInformation mine,
      X509Certificate myCertificate,
      PrivateKey key,
      Provider keyProvider)
      throws Refusal {
    if (mine instanceof KeyAgreeRecipientInformation) {
      return new EcdhAuthEnvelopedRecipient(
          key,
          SubjectPublicKeyInfo.getInstance(myCertificate.getPublicKey().getEncoded())
              .getAlgorithm(),
          keyProvider,
          providers.asymmetric(),
          providers.symmetric());
    }
    if (mine instanceof KeyTransRecipientInformation) {
      return new RsaOaepAuthEnvelopedRecipient(key, keyProvider, providers.symmetric());
    }
    throw new Refusal(
        RejectReason.ALGORITHM_NOT_ALLOWED,
        "recipient type " + mine.getClass().getSimpleName() + " is not on the allow-list");
  }
}
