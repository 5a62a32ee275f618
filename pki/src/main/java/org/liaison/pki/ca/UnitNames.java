package org.liaison.pki.ca;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.liaison.pki.UnitUri;
import org.liaison.schemas.UnitId;

/**
 * How a unit is named in its certificates: subject {@code C=<country>, O=Liaison, CN=<unit id>} and
 * the SAN URI {@code urn:liaison:unit:<unit id>}. Peers identify a unit by the URI; the subject is
 * for people reading the certificate.
 */
public final class UnitNames {

  /** The organisation every unit certificate names. */
  public static final String ORGANISATION = "Liaison";

  private UnitNames() {}

  /** The subject name of {@code unit}'s certificates. */
  public static X500Name subject(UnitId unit) {
    return new X500NameBuilder(BCStyle.INSTANCE)
        .addRDN(BCStyle.C, unit.country())
        .addRDN(BCStyle.O, ORGANISATION)
        .addRDN(BCStyle.CN, unit.value())
        .build();
  }

  /** The subject alternative names of {@code unit}'s certificates. */
  public static GeneralNames alternativeNames(UnitId unit) {
    return new GeneralNames(
        new GeneralName(GeneralName.uniformResourceIdentifier, UnitUri.of(unit)));
  }

  /** The organisational unit of federation services' certificates (brokers, the CA's client). */
  public static final String SERVICES = "Services";

  /**
   * A federation service's subject, {@code O=Liaison, OU=Services, CN=<name>}: distinct from every
   * unit's subject (no country, an OU) so that a broker's principal mapping can never take a
   * service for a unit.
   */
  public static X500Name serviceSubject(String name) {
    return new X500NameBuilder(BCStyle.INSTANCE)
        .addRDN(BCStyle.O, ORGANISATION)
        .addRDN(BCStyle.OU, SERVICES)
        .addRDN(BCStyle.CN, name)
        .build();
  }

  /** The organisational unit of directory-signing certificates. */
  public static final String DIRECTORY = "Directory";

  /** A directory signer's subject, {@code O=Liaison, OU=Directory, CN=<name>}. */
  public static X500Name directorySubject(String name) {
    return new X500NameBuilder(BCStyle.INSTANCE)
        .addRDN(BCStyle.O, ORGANISATION)
        .addRDN(BCStyle.OU, DIRECTORY)
        .addRDN(BCStyle.CN, name)
        .build();
  }

  /** A CA's subject, {@code O=Liaison, CN=<common name>}. */
  public static X500Name caSubject(String commonName) {
    return new X500NameBuilder(BCStyle.INSTANCE)
        .addRDN(BCStyle.O, ORGANISATION)
        .addRDN(BCStyle.CN, commonName)
        .build();
  }
}
