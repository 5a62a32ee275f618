package org.liaison.pki.seal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.Provider;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Null;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAlgorithmProtection;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.SignerInfo;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignatureAlgorithmNameGenerator;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.DefaultCMSSignatureAlgorithmNameGenerator;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.SignerInformationVerifier;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.SignatureAlgorithmIdentifierFinder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.liaison.pki.CryptoProviders;
import org.liaison.pki.crypto.ProviderChoice;
import org.liaison.pki.crypto.ProviderKeys;
import org.liaison.pki.seal.cms.EcdsaVerifierProvider;
import org.liaison.pki.seal.cms.SignatureAlgorithms;

/**
 * The SignedData steps of opening, in order: structure (one signer, encapsulated data, the signer's
 * certificate included), algorithms on the allow-list (before the signature is computed, so that a
 * SHA-1 signature is never even checked), signed attributes present, the RFC 6211 algorithm
 * protection when present, then the signature itself with the signer certificate's public key. The
 * certificate's own validity is left to the path validator, which knows the signing time.
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

  /**
   * Certificates already converted from their DER bytes, so that a signer that sends many notices
   * is not parsed again for each (a JDK certificate is immutable). Bounded: it starts over when
   * full.
   */
  static final int MAX_CERTIFICATES = 256;

  private final ConcurrentHashMap<ByteBuffer, X509Certificate> converted =
      new ConcurrentHashMap<>();

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
    CMSSignedData signedData;
    SignerInformation signer;
    byte[] content;
    SignerInfo info;
    AttributeTable signed;
    try {
      signedData = new CMSSignedData(signedDataBytes);
      Collection<SignerInformation> signers = signedData.getSignerInfos().getSigners();
      if (signers.size() != 1) {
        throw new Refusal(
            RejectReason.MALFORMED_SIGNED_DATA, signers.size() + " signers, exactly one expected");
      }
      signer = signers.iterator().next();
      if (signedData.getSignedContent() == null
          || !CMSObjectIdentifiers.data.equals(signedData.getSignedContentType())) {
        throw new Refusal(
            RejectReason.MALFORMED_SIGNED_DATA, "no encapsulated content of type id-data");
      }
      content = (byte[]) signedData.getSignedContent().getContent();
      // Bouncy Castle parses these lazily: read them here, where a broken encoding is structure.
      info = signer.toASN1Structure();
      signed = signer.getSignedAttributes();
    } catch (CMSException | RuntimeException e) {
      throw new Refusal(RejectReason.MALFORMED_SIGNED_DATA, "not a SignedData: " + e.getMessage());
    }
    CertificateSet certificates = certificates(signedData, signer);

    String digest = AlgorithmPolicy.checkDigest(info.getDigestAlgorithm());
    String signature = AlgorithmPolicy.checkSignature(info.getDigestEncryptionAlgorithm());
    AlgorithmPolicy.checkSignerKey(certificates.signer().getPublicKey());

    if (signed == null) {
      throw new Refusal(
          RejectReason.SIGNED_ATTRIBUTES_MISSING, "the signature covers no signed attributes");
    }
    for (ASN1ObjectIdentifier required :
        List.of(
            CMSAttributes.contentType, CMSAttributes.messageDigest, CMSAttributes.signingTime)) {
      if (signed.get(required) == null) {
        throw new Refusal(
            RejectReason.SIGNED_ATTRIBUTES_MISSING, "signed attribute " + required + " is missing");
      }
    }
    checkAlgorithmProtection(signed, info);
    Instant signingTime = signingTime(signed);

    boolean valid;
    try {
      valid = signer.verify(verifierFor(certificates.signer()));
    } catch (CMSException | OperatorCreationException | RuntimeException e) {
      throw new Refusal(RejectReason.BAD_SIGNATURE, "signature does not verify: " + e.getMessage());
    }
    if (!valid) {
      throw new Refusal(RejectReason.BAD_SIGNATURE, "signature does not verify");
    }
    return new Verified(
        content, certificates.signer(), certificates.others(), signingTime, digest, signature);
  }

  /** What {@code JcaSimpleSignerInfoVerifierBuilder.setProvider(p).build(key)} builds. */
  private SignerInformationVerifier verifierFor(X509Certificate signer)
      throws OperatorCreationException {
    boolean ec = SignatureAlgorithms.isEc(signer.getPublicKey());
    Provider provider = ec ? providers.asymmetric() : providers.fallback();
    PublicKey key = ProviderKeys.forProvider(signer.getPublicKey(), provider);
    return new SignerInformationVerifier(
        NAMES,
        FINDER,
        ec
            ? new EcdsaVerifierProvider(key, provider)
            : new JcaContentVerifierProviderBuilder().setProvider(provider).build(key),
        ec ? asymmetricDigests : fallbackDigests);
  }

  private X509Certificate convert(X509CertificateHolder holder, JcaX509CertificateConverter jca)
      throws CertificateException, IOException {
    ByteBuffer der = ByteBuffer.wrap(holder.getEncoded());
    X509Certificate known = converted.get(der);
    if (known != null) {
      return known;
    }
    X509Certificate cert = jca.getCertificate(holder);
    if (converted.size() >= MAX_CERTIFICATES) {
      converted.clear();
    }
    converted.put(der, cert);
    return cert;
  }

  private record CertificateSet(X509Certificate signer, List<X509Certificate> others) {}

  private CertificateSet certificates(CMSSignedData signedData, SignerInformation signer)
      throws Refusal {
    JcaX509CertificateConverter converter =
        new JcaX509CertificateConverter().setProvider(CryptoProviders.certificates());
    X509Certificate signerCertificate = null;
    List<X509Certificate> others = new ArrayList<>();
    try {
      for (X509CertificateHolder holder : signedData.getCertificates().getMatches(null)) {
        X509Certificate cert = convert(holder, converter);
        if (signerCertificate == null && signer.getSID().match(holder)) {
          signerCertificate = cert;
        } else {
          others.add(cert);
        }
      }
    } catch (CertificateException | IOException | RuntimeException e) {
      throw new Refusal(
          RejectReason.MALFORMED_SIGNED_DATA, "unreadable certificate: " + e.getMessage());
    }
    if (signerCertificate == null) {
      throw new Refusal(
          RejectReason.MALFORMED_SIGNED_DATA, "the signer's certificate is not included");
    }
    return new CertificateSet(signerCertificate, List.copyOf(others));
  }

  private static void checkAlgorithmProtection(AttributeTable signed, SignerInfo info)
      throws Refusal {
    Attribute attribute = signed.get(CMSAttributes.cmsAlgorithmProtect);
    if (attribute == null) {
      // RFC 6211 is optional; OpenSSL 3.0 does not write it. Our own signer always does.
      return;
    }
    try {
      if (attribute.getAttrValues().size() != 1) {
        throw new Refusal(
            RejectReason.ALGORITHM_PROTECTION_MISMATCH, "algorithm protection is not single");
      }
      CMSAlgorithmProtection protection =
          CMSAlgorithmProtection.getInstance(attribute.getAttrValues().getObjectAt(0));
      if (!sameAlgorithm(protection.getDigestAlgorithm(), info.getDigestAlgorithm())
          || !sameAlgorithm(
              protection.getSignatureAlgorithm(), info.getDigestEncryptionAlgorithm())) {
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

  private static Instant signingTime(AttributeTable signed) throws Refusal {
    Attribute attribute = signed.get(CMSAttributes.signingTime);
    try {
      if (attribute.getAttrValues().size() != 1) {
        throw new Refusal(RejectReason.SIGNED_ATTRIBUTES_MISSING, "signing time is not single");
      }
      return Time.getInstance(attribute.getAttrValues().getObjectAt(0)).getDate().toInstant();
    } catch (RuntimeException e) {
      throw new Refusal(RejectReason.SIGNED_ATTRIBUTES_MISSING, "unreadable signing time");
    }
  }
}
