package org.liaison.pki.ca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.liaison.pki.KeyAlgorithm;
import org.liaison.pki.PkiException;
import org.liaison.pki.directory.DirectoryVerifier;
import org.liaison.schemas.UnitId;

/** The directory-signing profile: issued by the root only, marked by its policy, nothing else. */
class DirectorySignerProfileTest {

  private final FederationKit kit =
      FederationKit.create(KeyAlgorithm.EC_P256, List.of(UnitId.of("NL.NCB")));

  @Test
  void theRootIssuesItWithDigitalSignatureThePolicyAndNoExtendedKeyUsage() throws Exception {
    X509Certificate certificate = kit.issueDirectorySigner("directory").certificate();

    assertThat(certificate.getIssuerX500Principal())
        .isEqualTo(kit.trustAnchor().getSubjectX500Principal());
    assertThat(certificate.getSubjectX500Principal().getName())
        .isEqualTo("CN=directory,OU=Directory,O=Liaison");
    assertThat(certificate.getKeyUsage()).startsWith(true, false, false, false, false, false);
    assertThat(certificate.getExtendedKeyUsage()).isNull();
    assertThat(certificate.getBasicConstraints()).isEqualTo(-1);
    assertThat(DirectoryVerifier.hasDirectoryPolicy(certificate)).isTrue();
    assertThat(kit.rootAuthority().find(certificate.getSerialNumber()).profile())
        .isEqualTo(CertificateProfile.DIRECTORY_SIGNING);
  }

  @Test
  void anIssuingCaDoesNotIssueIt() {
    assertThatThrownBy(
            () ->
                kit.issuingAuthority()
                    .issueDirectorySigner(KeyAlgorithm.EC_P256.generate().getPublic(), "directory"))
        .isInstanceOfSatisfying(
            PkiException.class,
            e -> assertThat(e.code()).isEqualTo(PkiException.Code.CA_STATE_INVALID));
  }

  @Test
  void noUnitCertificateCarriesThePolicy() {
    var unit = kit.unit(UnitId.of("NL.NCB"));

    assertThat(
            List.of(
                unit.signing().certificate(),
                unit.encryption().certificate(),
                unit.tls().certificate()))
        .noneMatch(DirectoryVerifier::hasDirectoryPolicy);
  }
}
