package org.liaison.pki.seal.cms;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.Signature;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.operator.DefaultDigestAlgorithmIdentifierFinder;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;

/**
 * Wraps content in a CMS SignedData with one signer, the content encapsulated, the signer's
 * certificate and chain included, and the signed attributes content type, signing time, message
 * digest and CMS algorithm protection (RFC 6211).
 *
 * <p>The structure is written directly ({@link Der}) rather than through Bouncy Castle's {@code
 * CMSSignedDataGenerator}, whose attribute tables, date formatting and stream plumbing were a third
 * of the Java time of a seal; the output is the one that generator produced (the tests compare them
 * and have Bouncy Castle verify it). Everything that depends only on the signer's chain (the
 * certificates, the signer's identifier, the algorithm identifiers as Bouncy Castle chooses them)
 * is encoded once per chain.
 */
public final class SignedDataCreator {

  private static final byte[] ID_DATA = oid(CMSObjectIdentifiers.data);
  private static final byte[] ID_SIGNED_DATA = oid(CMSObjectIdentifiers.signedData);
  private static final byte[] VERSION_1 = Der.integer(1);

  private static final byte[] ID_SIGNING_TIME = oid(CMSAttributes.signingTime);
  private static final byte[] ID_MESSAGE_DIGEST = oid(CMSAttributes.messageDigest);

  /** The contentType attribute: always id-data. */
  private static final byte[] CONTENT_TYPE_ATTRIBUTE =
      attribute(oid(CMSAttributes.contentType), Der.encoded(ID_DATA));

  private final Provider digestProvider;

  /** What the last chain signed with gives every signature. */
  private record Signer(
      List<X509Certificate> chain,
      String signatureAlgorithm,
      String digestAlgorithm,
      byte[] certificates,
      byte[] signerId,
      byte[] digestAlgorithmId,
      byte[] digestAlgorithms,
      byte[] signatureAlgorithmId,
      byte[] algorithmProtection) {}

  private volatile Signer lastSigner;

  /**
   * @param digestProvider where the message digest of the content is computed
   */
  public SignedDataCreator(Provider digestProvider) {
    this.digestProvider = digestProvider;
  }

  /**
   * Signs {@code content}.
   *
   * @param signatureProvider the provider that performs the signature with {@code key}
   * @param chain the signer certificate first, then intermediates (the root is left out)
   * @return the ContentInfo in definite-length encoding (valid BER; DER except that the
   *     certificates come in the chain's order, signer first, not sorted). The signed attributes,
   *     which the signature covers, are DER as CMS requires.
   */
  public byte[] sign(
      byte[] content,
      PrivateKey key,
      Provider signatureProvider,
      List<X509Certificate> chain,
      Instant signingTime)
      throws CMSException {
    try {
      Signer signer = signer(chain);
      MessageDigest digest = MessageDigest.getInstance(signer.digestAlgorithm(), digestProvider);
      byte[] messageDigest = digest.digest(content);

      List<byte[]> attributes = new ArrayList<>(4);
      attributes.add(CONTENT_TYPE_ATTRIBUTE);
      attributes.add(attribute(ID_SIGNING_TIME, Der.encoded(Der.time(signingTime))));
      attributes.add(attribute(ID_MESSAGE_DIGEST, Der.primitive(Der.OCTET_STRING, messageDigest)));
      attributes.add(signer.algorithmProtection());
      // Signed as the DER SET OF (RFC 5652 section 5.4), carried as [0] IMPLICIT.
      byte[] signedAttributes = Der.setOf(attributes);

      Signature signature = Signature.getInstance(signer.signatureAlgorithm(), signatureProvider);
      signature.initSign(key);
      signature.update(signedAttributes);
      byte[] signatureValue = signature.sign();

      Der.Node signerInfo =
          Der.constructed(
              Der.SEQUENCE,
              Der.encoded(VERSION_1),
              Der.encoded(signer.signerId()),
              Der.encoded(signer.digestAlgorithmId()),
              Der.retagged(Der.contextConstructed(0), signedAttributes),
              Der.encoded(signer.signatureAlgorithmId()),
              Der.primitive(Der.OCTET_STRING, signatureValue));
      Der.Node signedData =
          Der.constructed(
              Der.SEQUENCE,
              Der.encoded(VERSION_1),
              Der.encoded(signer.digestAlgorithms()),
              Der.constructed(
                  Der.SEQUENCE,
                  Der.encoded(ID_DATA),
                  Der.constructed(
                      Der.contextConstructed(0), Der.primitive(Der.OCTET_STRING, content))),
              Der.encoded(signer.certificates()),
              Der.constructed(Der.SET, signerInfo));
      return Der.constructed(
              Der.SEQUENCE,
              Der.encoded(ID_SIGNED_DATA),
              Der.constructed(Der.contextConstructed(0), signedData))
          .encode();
    } catch (GeneralSecurityException | IOException | RuntimeException e) {
      throw new CMSException("cannot sign: " + e.getMessage(), e);
    }
  }

  /**
   * The per-chain parts, made again when the chain changes. The chain is compared by identity
   * first, then by value (certificates by their encoding), so a caller that passes another chain
   * gets that one.
   */
  private Signer signer(List<X509Certificate> chain)
      throws CertificateEncodingException, IOException, CMSException {
    Signer last = lastSigner;
    if (last != null && sameChain(last.chain(), chain)) {
      return last;
    }
    List<X509Certificate> copy = List.copyOf(chain);
    X509Certificate signerCert = copy.get(0);
    String signatureAlgorithm = SignatureAlgorithms.forKey(signerCert.getPublicKey());
    AlgorithmIdentifier signatureId =
        new DefaultSignatureAlgorithmIdentifierFinder().find(signatureAlgorithm);
    AlgorithmIdentifier digestId = new DefaultDigestAlgorithmIdentifierFinder().find(signatureId);
    byte[] digestAlgorithmId = digestId.getEncoded(ASN1Encoding.DER);
    byte[] signatureAlgorithmId = signatureId.getEncoded(ASN1Encoding.DER);

    List<Der.Node> certificates = new ArrayList<>(copy.size());
    for (X509Certificate cert : copy) {
      certificates.add(Der.encoded(cert.getEncoded()));
    }
    // RFC 6211: CMSAlgorithmProtection ::= SEQUENCE { digestAlgorithm, signatureAlgorithm [1]
    // IMPLICIT }.
    Der.Node protection =
        Der.constructed(
            Der.SEQUENCE,
            Der.encoded(digestAlgorithmId),
            Der.retagged(Der.contextConstructed(1), signatureAlgorithmId));
    Signer made =
        new Signer(
            copy,
            signatureAlgorithm,
            digestName(digestId.getAlgorithm()),
            Der.constructed(Der.contextConstructed(0), certificates).encode(),
            CertificateIds.issuerAndSerialNumber(signerCert),
            digestAlgorithmId,
            Der.constructed(Der.SET, Der.encoded(digestAlgorithmId)).encode(),
            signatureAlgorithmId,
            attribute(oid(CMSAttributes.cmsAlgorithmProtect), protection));
    lastSigner = made;
    return made;
  }

  private static boolean sameChain(List<X509Certificate> known, List<X509Certificate> chain) {
    if (known.size() != chain.size()) {
      return false;
    }
    for (int i = 0; i < known.size(); i++) {
      if (known.get(i) != chain.get(i) && !known.get(i).equals(chain.get(i))) {
        return false;
      }
    }
    return true;
  }

  private static String digestName(ASN1ObjectIdentifier digest) throws CMSException {
    if (NISTObjectIdentifiers.id_sha256.equals(digest)) {
      return "SHA-256";
    }
    if (NISTObjectIdentifiers.id_sha384.equals(digest)) {
      return "SHA-384";
    }
    if (NISTObjectIdentifiers.id_sha512.equals(digest)) {
      return "SHA-512";
    }
    throw new CMSException("unsupported digest algorithm " + digest);
  }

  /** Attribute ::= SEQUENCE { attrType OBJECT IDENTIFIER, attrValues SET OF (one value) }. */
  private static byte[] attribute(byte[] type, Der.Node value) {
    return Der.constructed(Der.SEQUENCE, Der.encoded(type), Der.constructed(Der.SET, value))
        .encode();
  }

  static byte[] oid(ASN1ObjectIdentifier oid) {
    try {
      return oid.getEncoded(ASN1Encoding.DER);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
