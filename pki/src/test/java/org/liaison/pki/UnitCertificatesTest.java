package org.liaison.pki;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.liaison.schemas.UnitId;

class UnitCertificatesTest {

  private static KeyPair keys;

  @BeforeAll
  static void generateKeys() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", "SunEC");
    generator.initialize(256);
    keys = generator.generateKeyPair();
  }

  /** A self-signed certificate with {@code subject} and these SAN names (URIs unless "dns:"). */
  private static X509Certificate cert(String subject, String... sans) throws Exception {
    var builder =
        new JcaX509v3CertificateBuilder(
            new X500Name(subject),
            BigInteger.TEN,
            Date.from(Instant.parse("2026-01-01T00:00:00Z")),
            Date.from(Instant.parse("2027-01-01T00:00:00Z")),
            new X500Name(subject),
            keys.getPublic());
    if (sans.length > 0) {
      GeneralName[] names = new GeneralName[sans.length];
      for (int i = 0; i < sans.length; i++) {
        names[i] =
            sans[i].startsWith("dns:")
                ? new GeneralName(GeneralName.dNSName, sans[i].substring(4))
                : new GeneralName(GeneralName.uniformResourceIdentifier, sans[i]);
      }
      builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
    }
    byte[] der =
        builder
            .build(
                new JcaContentSignerBuilder("SHA256withECDSA")
                    .setProvider(new BouncyCastleProvider())
                    .build(keys.getPrivate()))
            .getEncoded();
    return (X509Certificate)
        CertificateFactory.getInstance("X.509", "SUN")
            .generateCertificate(new java.io.ByteArrayInputStream(der));
  }

  @Test
  void theUnitIsReadFromTheSanUri() throws Exception {
    X509Certificate cert =
        cert("CN=NL.NCB,O=Liaison", "dns:gw.example.nl", "urn:liaison:unit:NL.NCB");

    assertThat(UnitCertificates.unitOf(cert)).contains(UnitId.of("NL.NCB"));
  }

  @Test
  void aCommonNameThatIsNoUnitIdIsNoObjection() throws Exception {
    assertThat(
            UnitCertificates.unitOf(
                cert("CN=Dutch attache Bangkok", "urn:liaison:unit:NL.ATT-BKK")))
        .contains(UnitId.of("NL.ATT-BKK"));
  }

  @Test
  void theSameUnitUriTwiceIsStillOneUnit() throws Exception {
    assertThat(
            UnitCertificates.unitOf(
                cert("CN=NL.NCB", "urn:liaison:unit:NL.NCB", "urn:liaison:unit:NL.NCB")))
        .contains(UnitId.of("NL.NCB"));
  }

  @Test
  void noSanUriMeansNoUnit() throws Exception {
    assertThat(UnitCertificates.unitOf(cert("CN=NL.NCB"))).isEmpty();
    assertThat(UnitCertificates.unitOf(cert("CN=NL.NCB", "dns:gw.example.nl"))).isEmpty();
    assertThat(UnitCertificates.unitOf(cert("CN=NL.NCB", "https://example.nl/NL.NCB"))).isEmpty();
  }

  @Test
  void twoDifferentUnitsMeanNoUnit() throws Exception {
    assertThat(
            UnitCertificates.unitOf(
                cert("CN=Gateway", "urn:liaison:unit:NL.NCB", "urn:liaison:unit:TH.NCB")))
        .isEmpty();
  }

  @Test
  void aCommonNameNamingAnotherUnitMeansNoUnit() throws Exception {
    assertThat(UnitCertificates.unitOf(cert("CN=TH.NCB", "urn:liaison:unit:NL.NCB"))).isEmpty();
    assertThat(UnitCertificates.unitOf(cert("CN=th.ncb", "urn:liaison:unit:NL.NCB"))).isEmpty();
    assertThat(
            UnitCertificates.unitOf(cert("CN=urn:liaison:unit:TH.NCB", "urn:liaison:unit:NL.NCB")))
        .isEmpty();
  }

  @Test
  void aUnitUriInAnotherSpellingOrWithABadIdMeansNoUnit() throws Exception {
    assertThat(
            UnitCertificates.unitOf(
                cert("CN=NL.NCB", "urn:liaison:unit:NL.NCB", "URN:LIAISON:UNIT:NL.NCB")))
        .isEmpty();
    assertThat(UnitCertificates.unitOf(cert("CN=Gateway", "urn:liaison:unit:nl.ncb"))).isEmpty();
    assertThat(UnitCertificates.unitOf(cert("CN=Gateway", "urn:liaison:unit:QQ.NCB"))).isEmpty();
  }

  @Test
  void noCertificateMeansNoUnit() {
    assertThat(UnitCertificates.unitOf(null)).isEmpty();
  }

  @Test
  void rememberedAnswersBelongToTheCertificateNotToItsIssuerAndSerial() throws Exception {
    // Same issuer, same serial, same subject: only the encoding tells these apart.
    X509Certificate nl = cert("CN=Gateway", "urn:liaison:unit:NL.NCB");
    X509Certificate th = cert("CN=Gateway", "urn:liaison:unit:TH.NCB");
    X509Certificate none = cert("CN=Gateway");

    for (int round = 0; round < 3; round++) {
      assertThat(UnitCertificates.unitOf(nl)).contains(UnitId.of("NL.NCB"));
      assertThat(UnitCertificates.unitOf(th)).contains(UnitId.of("TH.NCB"));
      assertThat(UnitCertificates.unitOf(none)).isEmpty();
    }
    // A parsed copy of a certificate gets the same answer as the original.
    X509Certificate copy =
        (X509Certificate)
            CertificateFactory.getInstance("X.509", "SUN")
                .generateCertificate(new java.io.ByteArrayInputStream(th.getEncoded()));
    assertThat(UnitCertificates.unitOf(copy)).contains(UnitId.of("TH.NCB"));
  }

  @Test
  void theMemoryStartsOverWhenFullAndAnswersStayRight() throws Exception {
    X509Certificate first = cert("CN=Gateway", "urn:liaison:unit:NL.NCB");
    assertThat(UnitCertificates.unitOf(first)).contains(UnitId.of("NL.NCB"));
    for (int i = 0; i <= UnitCertificates.MAX_REMEMBERED; i++) {
      String unit = "NL.U" + i;
      assertThat(UnitCertificates.unitOf(cert("CN=Gateway " + i, "urn:liaison:unit:" + unit)))
          .contains(UnitId.of(unit));
    }
    assertThat(UnitCertificates.unitOf(first)).contains(UnitId.of("NL.NCB"));
  }
}
