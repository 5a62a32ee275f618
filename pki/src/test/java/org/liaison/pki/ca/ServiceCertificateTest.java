package org.liaison.pki.ca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.liaison.pki.KeyAlgorithm;
import org.liaison.pki.PkiException;
import org.liaison.pki.keys.PrivateKeyHandle;
import org.liaison.schemas.UnitId;

/**
 * Service certificates (a Kafka broker, the CA's administrative client): a subject no unit can
 * have, the host names a client verifies, and TLS usages, from the federation's issuing CA.
 */
class ServiceCertificateTest {

  private final FederationKit kit =
      FederationKit.create(KeyAlgorithm.EC_P256, List.of(UnitId.of("NL.NCB")));

  @Test
  void namesTheServiceAndItsHostsAndChainsToTheRoot() throws Exception {
    PrivateKeyHandle broker = kit.issueService("kafka-1", List.of("localhost", "127.0.0.1"));
    X509Certificate certificate = broker.certificate();

    assertThat(certificate.getSubjectX500Principal().getName())
        .isEqualTo("CN=kafka-1,OU=Services,O=Liaison");
    assertThat(certificate.getSubjectAlternativeNames())
        .extracting(name -> name.get(0) + ":" + name.get(1))
        .containsExactlyInAnyOrder("2:localhost", "7:127.0.0.1");
    assertThat(certificate.getExtendedKeyUsage())
        .containsExactlyInAnyOrder("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2");
    assertThat(certificate.getBasicConstraints()).isEqualTo(-1);
    assertThat(PkixCheck.validate(kit.trustAnchor(), broker.chain(), kit.crls(), Instant.now()))
        .isEmpty();
    assertThat(kit.issuingAuthority().list())
        .filteredOn(i -> i.serial().equals(certificate.getSerialNumber()))
        .singleElement()
        .satisfies(
            i -> {
              assertThat(i.holder()).isEqualTo("kafka-1");
              assertThat(i.profile()).isEqualTo(CertificateProfile.TLS);
            });
  }

  @Test
  void isIssuedAgainRatherThanRenewed() throws Exception {
    PrivateKeyHandle admin = kit.issueService("liaison-ca", List.of());

    assertThat(admin.certificate().getSubjectAlternativeNames()).isNull();
    assertThatThrownBy(
            () ->
                kit.issuingAuthority()
                    .renew(admin.certificate().getSerialNumber(), Optional.empty()))
        .isInstanceOf(PkiException.class)
        .hasMessageContaining("is a service's");
  }

  @Test
  void refusesNamesThatCouldPassForAUnitOrAreNotHostNames() {
    assertThatThrownBy(() -> kit.issueService("NL.NCB", List.of()))
        .isInstanceOf(PkiException.class)
        .hasMessageContaining("service name 'NL.NCB'");
    assertThatThrownBy(() -> kit.issueService("kafka-1", List.of("bad host")))
        .isInstanceOf(PkiException.class)
        .hasMessageContaining("'bad host' is no DNS name");
    assertThatThrownBy(() -> kit.issueService("kafka-1", List.of("999.1.1.1")))
        .isInstanceOf(PkiException.class)
        .hasMessageContaining("no IP address");
  }
}
