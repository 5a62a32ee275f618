package org.liaison.pki.directory;

import java.io.IOException;
import java.security.cert.CertificateEncodingException;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.liaison.pki.CryptoProviders;
import org.liaison.pki.PkiException;
import org.liaison.pki.ca.CertificateProfile;
import org.liaison.pki.ca.Signers;
import org.liaison.pki.keys.PrivateKeyHandle;
import org.liaison.schemas.avro.DirectoryEntry;
import org.liaison.schemas.codec.AvroCodec;

/**
 * Signs a directory entry: a CMS SignedData (Bouncy Castle's generator, as it comes) over the
 * entry's Avro single-object encoding, encapsulated, with the signer's certificate included (the
 * root left out: every relying party has it) and the signed attributes content type, message digest
 * and signing time. {@code openssl cms -verify -inform DER -CAfile root.pem} checks it.
 */
public final class DirectoryEntrySigner {

  private final PrivateKeyHandle signer;

  /**
   * @param signer the directory-signing key with its certificate (chain: certificate, root)
   */
  public DirectoryEntrySigner(PrivateKeyHandle signer) {
    if (!DirectoryVerifier.hasDirectoryPolicy(signer.certificate())) {
      throw new PkiException(
          PkiException.Code.KEY_NOT_FOUND,
          "the key '"
              + signer.alias()
              + "' is not a directory-signing key (its certificate lacks policy "
              + CertificateProfile.DIRECTORY_SIGNING_POLICY
              + ")");
    }
    this.signer = signer;
  }

  /** A signer that takes any key: for tests that show what the verifier does with one. */
  static DirectoryEntrySigner anyKey(PrivateKeyHandle signer) {
    return new DirectoryEntrySigner(signer, true);
  }

  private DirectoryEntrySigner(PrivateKeyHandle signer, boolean unchecked) {
    this.signer = signer;
  }

  /** The signed entry, DER. */
  public byte[] sign(DirectoryEntry entry, Instant signingTime) {
    byte[] content = AvroCodec.directoryEntries().encode(entry);
    try {
      AttributeTable attributes =
          new AttributeTable(
              new Attribute(
                  CMSAttributes.signingTime,
                  new DERSet(new Time(Date.from(signingTime), java.util.Locale.ROOT))));
      CMSSignedDataGenerator generator = new CMSSignedDataGenerator();
      generator.addSignerInfoGenerator(
          new JcaSignerInfoGeneratorBuilder(
                  new JcaDigestCalculatorProviderBuilder()
                      .setProvider(CryptoProviders.bouncyCastle())
                      .build())
              .setSignedAttributeGenerator(new DefaultSignedAttributeTableGenerator(attributes))
              .build(Signers.forHandle(signer), signer.certificate()));
      generator.addCertificates(new JcaCertStore(List.of(signer.certificate())));
      return generator
          .generate(new CMSProcessableByteArray(content), true)
          .getEncoded(ASN1Encoding.DER);
    } catch (CMSException
        | OperatorCreationException
        | CertificateEncodingException
        | IOException e) {
      throw new PkiException(
          PkiException.Code.CRYPTO_FAILURE, "cannot sign the directory entry: " + e, e);
    }
  }

  /** The signer's certificate. */
  public java.security.cert.X509Certificate certificate() {
    return signer.certificate();
  }
}
