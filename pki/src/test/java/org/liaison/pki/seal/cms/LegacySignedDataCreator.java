package org.liaison.pki.seal.cms;

import java.io.IOException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.Hashtable;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.util.Store;

/**
 * The SignedData generator that sealing used before {@link SignedDataCreator}: Bouncy Castle's
 * {@code CMSSignedDataGenerator}, kept in the tests as the reference the new writer must match.
 */
final class LegacySignedDataCreator {

  private final DigestCalculatorProvider digests;

  /** The certificates of the last chain signed with, as Bouncy Castle holders. */
  private record Certificates(
      List<X509Certificate> chain,
      X509CertificateHolder signer,
      Store<X509CertificateHolder> store) {}

  private volatile Certificates lastChain;

  /**
   * @param digestProvider where the message digest of the content is computed
   */
  LegacySignedDataCreator(Provider digestProvider) {
    try {
      this.digests = new JcaDigestCalculatorProviderBuilder().setProvider(digestProvider).build();
    } catch (OperatorCreationException e) {
      throw new IllegalStateException("no digest calculator provider", e);
    }
  }

  /**
   * The chain as a certificate store: converting each certificate into a Bouncy Castle holder
   * (encode and parse) showed in the profile of sealing, and a sealer signs with the same chain
   * again and again. The chain is compared by value (certificates by their encoding), so a caller
   * that passes another chain gets that one.
   */
  private Certificates certificates(List<X509Certificate> chain)
      throws CertificateEncodingException {
    Certificates last = lastChain;
    if (last != null && last.chain().equals(chain)) {
      return last;
    }
    List<X509Certificate> copy = List.copyOf(chain);
    Certificates converted =
        new Certificates(
            copy,
            new JcaX509CertificateHolder(copy.get(0)),
            new JcaCertStore(new ArrayList<>(copy)));
    lastChain = converted;
    return converted;
  }

  /**
   * Signs {@code content}.
   *
   * @param signatureProvider the provider that performs the signature with {@code key}
   * @param chain the signer certificate first, then intermediates (the root is left out)
   * @return the ContentInfo in definite-length encoding (valid BER; DER except that SETs keep the
   *     order they were built in, so the certificates come in the chain's order, signer first). The
   *     signed attributes, which the signature covers, are DER as CMS requires; sorting the
   *     certificate set for DER meant re-encoding every certificate per notice.
   */
  public byte[] sign(
      byte[] content,
      PrivateKey key,
      Provider signatureProvider,
      List<X509Certificate> chain,
      Instant signingTime)
      throws CMSException {
    X509Certificate signer = chain.get(0);
    try {
      Certificates certificates = certificates(chain);
      ContentSigner contentSigner =
          new JcaContentSignerBuilder(SignatureAlgorithms.forKey(signer.getPublicKey()))
              .setProvider(signatureProvider)
              .build(key);
      Hashtable<Object, Attribute> fixed = new Hashtable<>();
      fixed.put(
          CMSAttributes.signingTime,
          new Attribute(CMSAttributes.signingTime, new DERSet(new Time(Date.from(signingTime)))));
      CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
      generator.addSignerInfoGenerator(
          new JcaSignerInfoGeneratorBuilder(digests)
              .setSignedAttributeGenerator(
                  new DefaultSignedAttributeTableGenerator(new AttributeTable(fixed)))
              .build(contentSigner, certificates.signer()));
      generator.addCertificates(certificates.store());
      return generator
          .generate(new CMSProcessableByteArray(content), true)
          .getEncoded(ASN1Encoding.DL);
    } catch (OperatorCreationException | CertificateEncodingException | IOException e) {
      throw new CMSException("cannot sign: " + e.getMessage(), e);
    }
  }
}
