package org.liaison.pki.ca;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.CertificatePolicies;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.PolicyInformation;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.operator.ContentSigner;
import org.liaison.pki.CryptoProviders;
import org.liaison.pki.KeyAlgorithm;
import org.liaison.pki.PkiException;
import org.liaison.schemas.UnitId;

/**
 * Builds and signs certificates from the CA's own profile: basic constraints and key usage
 * critical, SKI and AKI, the CRL distribution point, and for units the subject and SAN URI that
 * bind the unit id.
 */
final class CertificateMaker {

  private CertificateMaker() {}

  /** A self-signed root CA certificate. */
  static X509Certificate root(
      X500Name name,
      SubjectPublicKeyInfo key,
      BigInteger serial,
      Validity validity,
      ContentSigner signer) {
    try {
      JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder builder = builder(name, name, key, serial, validity);
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
      builder.addExtension(
          Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      builder.addExtension(
          Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(key));
      return sign(builder, signer);
    } catch (IOException | NoSuchAlgorithmException e) {
      throw encodingFailure(e);
    }
  }

  /** A self-signed end-entity certificate that only holds a key's place in a key store. */
  static X509Certificate placeholder(
      X500Name name,
      SubjectPublicKeyInfo key,
      BigInteger serial,
      Validity validity,
      ContentSigner signer) {
    try {
      X509v3CertificateBuilder builder = builder(name, name, key, serial, validity);
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      return sign(builder, signer);
    } catch (IOException e) {
      throw encodingFailure(e);
    }
  }

  /** An issuing CA certificate (path length 0: it certifies units, not other CAs). */
  static X509Certificate issuingCa(
      X509Certificate issuer,
      X500Name name,
      SubjectPublicKeyInfo key,
      BigInteger serial,
      Validity validity,
      Optional<URI> crlUri,
      ContentSigner signer) {
    try {
      X509v3CertificateBuilder builder = issuedBy(issuer, name, key, serial, validity, crlUri);
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
      builder.addExtension(
          Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      return sign(builder, signer);
    } catch (IOException | NoSuchAlgorithmException | CertificateException e) {
      throw encodingFailure(e);
    }
  }

  /** A unit certificate under {@code profile}. */
  static X509Certificate unit(
      X509Certificate issuer,
      UnitId unit,
      CertificateProfile profile,
      SubjectPublicKeyInfo key,
      KeyAlgorithm algorithm,
      BigInteger serial,
      Validity validity,
      Optional<URI> crlUri,
      ContentSigner signer) {
    try {
      X509v3CertificateBuilder builder =
          issuedBy(issuer, UnitNames.subject(unit), key, serial, validity, crlUri);
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(profile.keyUsage(algorithm)));
      if (!profile.extendedKeyUsages().isEmpty()) {
        builder.addExtension(
            Extension.extendedKeyUsage,
            false,
            new ExtendedKeyUsage(profile.extendedKeyUsages().toArray(KeyPurposeId[]::new)));
      }
      builder.addExtension(
          Extension.subjectAlternativeName, false, UnitNames.alternativeNames(unit));
      return sign(builder, signer);
    } catch (IOException | NoSuchAlgorithmException | CertificateException e) {
      throw encodingFailure(e);
    }
  }

  /**
   * A TLS certificate for a federation service (a Kafka broker, the CA's administrative client):
   * subject {@code O=Liaison, OU=Services, CN=<name>}, the TLS profile's key usages, and the DNS
   * names and IP addresses the service answers on as SANs, so that clients verify its host name.
   */
  static X509Certificate service(
      X509Certificate issuer,
      String name,
      List<GeneralName> hosts,
      SubjectPublicKeyInfo key,
      KeyAlgorithm algorithm,
      BigInteger serial,
      Validity validity,
      Optional<URI> crlUri,
      ContentSigner signer) {
    try {
      X509v3CertificateBuilder builder =
          issuedBy(issuer, UnitNames.serviceSubject(name), key, serial, validity, crlUri);
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      builder.addExtension(
          Extension.keyUsage, true, new KeyUsage(CertificateProfile.TLS.keyUsage(algorithm)));
      builder.addExtension(
          Extension.extendedKeyUsage,
          false,
          new ExtendedKeyUsage(
              CertificateProfile.TLS.extendedKeyUsages().toArray(KeyPurposeId[]::new)));
      if (!hosts.isEmpty()) {
        builder.addExtension(
            Extension.subjectAlternativeName,
            false,
            new GeneralNames(hosts.toArray(GeneralName[]::new)));
      }
      return sign(builder, signer);
    } catch (IOException | NoSuchAlgorithmException | CertificateException e) {
      throw encodingFailure(e);
    }
  }

  /**
   * The directory-signing certificate {@code O=Liaison, OU=Directory, CN=<name>}: keyUsage
   * digitalSignature, the directory-signing certificate policy, no extended key usage.
   */
  static X509Certificate directorySigner(
      X509Certificate issuer,
      String name,
      SubjectPublicKeyInfo key,
      BigInteger serial,
      Validity validity,
      Optional<URI> crlUri,
      ContentSigner signer) {
    try {
      X509v3CertificateBuilder builder =
          issuedBy(issuer, UnitNames.directorySubject(name), key, serial, validity, crlUri);
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
      builder.addExtension(
          Extension.certificatePolicies,
          false,
          new CertificatePolicies(
              new PolicyInformation(
                  new ASN1ObjectIdentifier(CertificateProfile.DIRECTORY_SIGNING_POLICY))));
      return sign(builder, signer);
    } catch (IOException | NoSuchAlgorithmException | CertificateException e) {
      throw encodingFailure(e);
    }
  }

  private static X509v3CertificateBuilder builder(
      X500Name issuer,
      X500Name subject,
      SubjectPublicKeyInfo key,
      BigInteger serial,
      Validity validity) {
    return new X509v3CertificateBuilder(
        issuer,
        serial,
        Date.from(validity.notBefore()),
        Date.from(validity.notAfter()),
        subject,
        key);
  }

  private static X509v3CertificateBuilder issuedBy(
      X509Certificate issuer,
      X500Name subject,
      SubjectPublicKeyInfo key,
      BigInteger serial,
      Validity validity,
      Optional<URI> crlUri)
      throws IOException, NoSuchAlgorithmException, CertificateException {
    JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
    X509v3CertificateBuilder builder =
        builder(
            X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded()),
            subject,
            key,
            serial,
            validity);
    builder.addExtension(
        Extension.authorityKeyIdentifier,
        false,
        // Key identifier only: naming the issuer's issuer and serial too would tie this
        // certificate to one certificate of its CA and break when the CA is re-certified.
        utils.createAuthorityKeyIdentifier(issuer.getPublicKey()));
    builder.addExtension(
        Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(key));
    if (crlUri.isPresent()) {
      GeneralNames where =
          new GeneralNames(
              new GeneralName(GeneralName.uniformResourceIdentifier, crlUri.get().toString()));
      builder.addExtension(
          Extension.cRLDistributionPoints,
          false,
          new CRLDistPoint(
              new DistributionPoint[] {
                new DistributionPoint(new DistributionPointName(where), null, null)
              }));
    }
    return builder;
  }

  private static X509Certificate sign(X509v3CertificateBuilder builder, ContentSigner signer) {
    try {
      return new JcaX509CertificateConverter()
          .setProvider(CryptoProviders.certificates())
          .getCertificate(builder.build(signer));
    } catch (CertificateException e) {
      throw encodingFailure(e);
    }
  }

  private static PkiException encodingFailure(Exception e) {
    return new PkiException(PkiException.Code.CRYPTO_FAILURE, "cannot build the certificate", e);
  }
}
