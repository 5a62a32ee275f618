package org.liaison.pki.seal;

import java.io.IOException;
import java.util.function.UnaryOperator;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.AuthEnvelopedData;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.EncryptedContentInfo;
import org.bouncycastle.asn1.cms.SignedData;
import org.bouncycastle.asn1.cms.SignerInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;

/** Byte- and structure-level attacks on sealed notices, built with Bouncy Castle's ASN.1 types. */
final class Tamper {

  private Tamper() {}

  static byte[] flipCiphertextByte(byte[] sealed) throws IOException {
    return rewriteEnvelope(
        sealed,
        (envelope) -> {
          EncryptedContentInfo info = envelope.getAuthEncryptedContentInfo();
          byte[] ciphertext = info.getEncryptedContent().getOctets().clone();
          ciphertext[ciphertext.length / 2] ^= 0x01;
          return new AuthEnvelopedData(
              envelope.getOriginatorInfo(),
              envelope.getRecipientInfos(),
              new EncryptedContentInfo(
                  info.getContentType(),
                  info.getContentEncryptionAlgorithm(),
                  new DEROctetString(ciphertext)),
              envelope.getAuthAttrs(),
              envelope.getMac(),
              envelope.getUnauthAttrs());
        });
  }

  static byte[] flipTagByte(byte[] sealed) throws IOException {
    return rewriteEnvelope(
        sealed,
        (envelope) -> {
          byte[] tag = envelope.getMac().getOctets().clone();
          tag[0] ^= 0x01;
          return new AuthEnvelopedData(
              envelope.getOriginatorInfo(),
              envelope.getRecipientInfos(),
              envelope.getAuthEncryptedContentInfo(),
              envelope.getAuthAttrs(),
              new DEROctetString(tag),
              envelope.getUnauthAttrs());
        });
  }

  static byte[] swapContentAlgorithm(byte[] sealed, AlgorithmIdentifier algorithm)
      throws IOException {
    return rewriteEnvelope(
        sealed,
        (envelope) -> {
          EncryptedContentInfo info = envelope.getAuthEncryptedContentInfo();
          return new AuthEnvelopedData(
              envelope.getOriginatorInfo(),
              envelope.getRecipientInfos(),
              new EncryptedContentInfo(
                  info.getContentType(), algorithm, info.getEncryptedContent()),
              envelope.getAuthAttrs(),
              envelope.getMac(),
              envelope.getUnauthAttrs());
        });
  }

  static byte[] rewriteEnvelope(byte[] sealed, UnaryOperator<AuthEnvelopedData> change)
      throws IOException {
    ContentInfo info = ContentInfo.getInstance(sealed);
    AuthEnvelopedData changed = change.apply(AuthEnvelopedData.getInstance(info.getContent()));
    return new ContentInfo(CMSObjectIdentifiers.authEnvelopedData, changed)
        .getEncoded(ASN1Encoding.DER);
  }

  /** The SignedData with its one SignerInfo replaced by {@code change}'s result. */
  static byte[] rewriteSigner(byte[] signedData, UnaryOperator<SignerInfo> change)
      throws IOException {
    ContentInfo info = ContentInfo.getInstance(signedData);
    SignedData sd = SignedData.getInstance(info.getContent());
    SignerInfo signer = SignerInfo.getInstance(sd.getSignerInfos().getObjectAt(0));
    SignedData changed =
        new SignedData(
            sd.getDigestAlgorithms(),
            sd.getEncapContentInfo(),
            sd.getCertificates(),
            sd.getCRLs(),
            new DERSet(change.apply(signer)));
    return new ContentInfo(CMSObjectIdentifiers.signedData, changed).getEncoded(ASN1Encoding.DER);
  }

  static SignerInfo withDigestAlgorithm(SignerInfo s, AlgorithmIdentifier digest) {
    return new SignerInfo(
        s.getSID(),
        digest,
        s.getAuthenticatedAttributes(),
        s.getDigestEncryptionAlgorithm(),
        s.getEncryptedDigest(),
        s.getUnauthenticatedAttributes());
  }

  static SignerInfo withoutSignedAttributes(SignerInfo s) {
    return new SignerInfo(
        s.getSID(),
        s.getDigestAlgorithm(),
        (ASN1Set) null,
        s.getDigestEncryptionAlgorithm(),
        s.getEncryptedDigest(),
        s.getUnauthenticatedAttributes());
  }

  static SignerInfo withFlippedSignature(SignerInfo s) {
    byte[] signature = s.getEncryptedDigest().getOctets().clone();
    signature[signature.length - 1] ^= 0x01;
    return new SignerInfo(
        s.getSID(),
        s.getDigestAlgorithm(),
        s.getAuthenticatedAttributes(),
        s.getDigestEncryptionAlgorithm(),
        new DEROctetString(signature),
        s.getUnauthenticatedAttributes());
  }
}
