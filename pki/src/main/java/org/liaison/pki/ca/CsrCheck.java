package org.liaison.pki.ca;

import static org.liaison.pki.PkiException.Code.CSR_BAD_SIGNATURE;
import static org.liaison.pki.PkiException.Code.CSR_KEY_NOT_ALLOWED;
import static org.liaison.pki.PkiException.Code.CSR_MALFORMED;
import static org.liaison.pki.PkiException.Code.CSR_UNIT_MISMATCH;
import static org.liaison.pki.PkiException.Code.CSR_USAGE_NOT_ALLOWED;

import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.pkcs.Attribute;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;
import org.liaison.pki.CryptoProviders;
import org.liaison.pki.KeyAlgorithm;
import org.liaison.pki.PkiException;
import org.liaison.pki.UnitUri;
import org.liaison.schemas.UnitId;

/**
 * Decides whether a CSR may be certified for a unit under a profile. The CA builds the certificate
 * from its own profile, never by copying the request; this check makes sure the request does not
 * ask for something else, so that a mistake (the wrong unit's CSR, a weak key, a CA flag) is
 * refused loudly instead of being silently corrected.
 */
public final class CsrCheck {

  private final Set<KeyAlgorithm> allowedKeys;

  public CsrCheck(Set<KeyAlgorithm> allowedKeys) {
    this.allowedKeys = Set.copyOf(allowedKeys);
  }

  /**
   * Checks {@code csr} for {@code unit} under {@code profile}.
   *
   * @throws PkiException with CSR_MALFORMED, CSR_BAD_SIGNATURE, CSR_KEY_NOT_ALLOWED,
   *     CSR_UNIT_MISMATCH or CSR_USAGE_NOT_ALLOWED
   */
  public AcceptedRequest check(
      PKCS10CertificationRequest csr, UnitId unit, CertificateProfile profile) {
    if (!profile.forUnits()) {
      throw new PkiException(
          CSR_USAGE_NOT_ALLOWED, "profile " + profile + " is not a unit certificate profile");
    }
    KeyAlgorithm algorithm =
        KeyAlgorithm.of(csr.getSubjectPublicKeyInfo())
            .filter(allowedKeys::contains)
            .orElseThrow(
                () ->
                    new PkiException(
                        CSR_KEY_NOT_ALLOWED,
                        "the CSR's key ("
                            + KeyAlgorithm.describe(csr.getSubjectPublicKeyInfo())
                            + ") is not allowed; allowed: "
                            + allowedKeys));
    checkProofOfPossession(csr);
    checkSubject(csr.getSubject(), unit);
    Extensions requested = requestedExtensions(csr);
    if (requested != null) {
      for (ASN1ObjectIdentifier oid : requested.getExtensionOIDs()) {
        checkExtension(requested.getExtension(oid), unit, profile, algorithm);
      }
    }
    return new AcceptedRequest(unit, profile, csr.getSubjectPublicKeyInfo(), algorithm);
  }

  /**
   * Parses DER bytes as a PKCS#10 request.
   *
   * @throws PkiException CSR_MALFORMED when they are not one
   */
  public static PKCS10CertificationRequest parse(byte[] der) {
    try {
      return new PKCS10CertificationRequest(der);
    } catch (java.io.IOException | RuntimeException e) {
      throw new PkiException(CSR_MALFORMED, "the request is not a PKCS#10 CSR", e);
    }
  }

  static void checkProofOfPossession(PKCS10CertificationRequest csr) {
    boolean valid;
    try {
      valid =
          csr.isSignatureValid(
              new JcaContentVerifierProviderBuilder()
                  .setProvider(CryptoProviders.bouncyCastle())
                  .build(csr.getSubjectPublicKeyInfo()));
    } catch (OperatorCreationException | PKCSException | RuntimeException e) {
      throw new PkiException(
          CSR_BAD_SIGNATURE, "the CSR's signature cannot be checked: " + e.getMessage(), e);
    }
    if (!valid) {
      throw new PkiException(
          CSR_BAD_SIGNATURE,
          "the CSR's signature does not verify with its own key (no proof of possession)");
    }
  }

  private static void checkSubject(X500Name subject, UnitId unit) {
    RDN[] commonNames = subject.getRDNs(BCStyle.CN);
    if (commonNames.length != 1) {
      throw new PkiException(
          CSR_UNIT_MISMATCH,
          "the CSR's subject must have exactly one CN, the unit id " + unit + ": " + subject);
    }
    String cn = text(commonNames[0]);
    if (!unit.value().equals(cn)) {
      throw new PkiException(
          CSR_UNIT_MISMATCH, "the CSR is for unit '" + cn + "', not for " + unit);
    }
    for (RDN country : subject.getRDNs(BCStyle.C)) {
      if (!unit.country().equals(text(country))) {
        throw new PkiException(
            CSR_UNIT_MISMATCH,
            "the CSR's country " + text(country) + " is not the country of unit " + unit);
      }
    }
  }

  private static String text(RDN rdn) {
    if (rdn.isMultiValued() || !(rdn.getFirst().getValue() instanceof ASN1String value)) {
      return "";
    }
    return value.getString();
  }

  private static Extensions requestedExtensions(PKCS10CertificationRequest csr) {
    Attribute[] attributes = csr.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest);
    if (attributes.length == 0) {
      return null;
    }
    if (attributes.length > 1 || attributes[0].getAttrValues().size() != 1) {
      throw new PkiException(CSR_MALFORMED, "the CSR has more than one extension request");
    }
    try {
      return Extensions.getInstance(attributes[0].getAttrValues().getObjectAt(0));
    } catch (IllegalArgumentException e) {
      throw new PkiException(CSR_MALFORMED, "the CSR's extension request cannot be parsed", e);
    }
  }

  private static void checkExtension(
      Extension extension, UnitId unit, CertificateProfile profile, KeyAlgorithm algorithm) {
    ASN1ObjectIdentifier oid = extension.getExtnId();
    try {
      if (Extension.subjectAlternativeName.equals(oid)) {
        checkAlternativeNames(GeneralNames.getInstance(extension.getParsedValue()), unit);
      } else if (Extension.keyUsage.equals(oid)) {
        int asked = keyUsageBits(KeyUsage.getInstance(extension.getParsedValue()));
        int given = profile.keyUsage(algorithm);
        if ((asked & ~given) != 0) {
          throw new PkiException(
              CSR_USAGE_NOT_ALLOWED,
              "the CSR asks for key usages that profile "
                  + profile
                  + " does not give to a "
                  + algorithm
                  + " key");
        }
      } else if (Extension.extendedKeyUsage.equals(oid)) {
        List<KeyPurposeId> allowed = profile.extendedKeyUsages();
        for (KeyPurposeId asked :
            ExtendedKeyUsage.getInstance(extension.getParsedValue()).getUsages()) {
          if (!allowed.contains(asked)) {
            throw new PkiException(
                CSR_USAGE_NOT_ALLOWED,
                "the CSR asks for extended key usage " + asked + ", not in profile " + profile);
          }
        }
      } else if (Extension.basicConstraints.equals(oid)) {
        if (BasicConstraints.getInstance(extension.getParsedValue()).isCA()) {
          throw new PkiException(
              CSR_USAGE_NOT_ALLOWED, "the CSR asks to be a CA; unit certificates never are");
        }
      } else if (!Extension.subjectKeyIdentifier.equals(oid)) {
        throw new PkiException(
            CSR_USAGE_NOT_ALLOWED,
            "the CSR asks for extension " + oid + ", which no profile gives");
      }
    } catch (IllegalArgumentException e) {
      throw new PkiException(CSR_MALFORMED, "the CSR's extension " + oid + " is malformed", e);
    }
  }

  /** The usage bits in Bouncy Castle's constant layout (decipherOnly is in the second byte). */
  private static int keyUsageBits(KeyUsage usage) {
    byte[] bytes = usage.getBytes();
    int bits = bytes.length > 0 ? bytes[0] & 0xff : 0;
    return bytes.length > 1 ? bits | (bytes[1] & 0xff) << 8 : bits;
  }

  private static void checkAlternativeNames(GeneralNames names, UnitId unit) {
    String expected = UnitUri.of(unit);
    for (GeneralName name : names.getNames()) {
      if (name.getTagNo() != GeneralName.uniformResourceIdentifier) {
        throw new PkiException(
            CSR_USAGE_NOT_ALLOWED,
            "the CSR asks for a subject alternative name that is not the unit URI: " + name);
      }
      String uri = ASN1String.class.cast(name.getName()).getString();
      if (!expected.equals(uri)) {
        throw new PkiException(
            CSR_UNIT_MISMATCH, "the CSR names " + uri + " in its SAN, not " + expected);
      }
    }
  }
}
