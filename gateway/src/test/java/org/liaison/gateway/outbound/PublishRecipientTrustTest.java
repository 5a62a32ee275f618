package org.liaison.gateway.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.liaison.gateway.json.JsonViolation;
import org.liaison.gateway.json.NoticeJsonCodec;
import org.liaison.gateway.units.HostedUnit;
import org.liaison.gateway.units.KnownPeers;
import org.liaison.pki.KeyAlgorithm;
import org.liaison.pki.ca.FederationKit;
import org.liaison.pki.ca.RevocationReason;
import org.liaison.pki.validation.CertificateValidator;
import org.liaison.pki.validation.RevocationPolicy;
import org.liaison.pki.validation.TrustContext;
import org.liaison.schemas.UnitId;
import org.liaison.schemas.codec.AvroCodec;
import org.liaison.schemas.examples.ExampleNotices;
import tools.jackson.databind.node.ObjectNode;

/**
 * The gateway's own sealing path refuses what {@code notice seal} refuses: a peer certificate from
 * a CA that only copies the issuing CA's name, and a revoked encryption certificate, are never
 * sealed to; publishing to their units is refused with a coded violation before the publisher runs.
 */
class PublishRecipientTrustTest {

  private static final UnitId NCB = UnitId.of("NL.NCB");
  private static final UnitId CIB = UnitId.of("TH.CIB");
  private static final UnitId ATT = UnitId.of("NL.ATT-BKK");

  private final NoticeJsonCodec json = new NoticeJsonCodec(AvroCodec.caseNotices());
  private FederationKit kit;
  private X509Certificate rogueCib;
  private HostedUnit ncb;

  @BeforeEach
  void federation() {
    kit = FederationKit.create(KeyAlgorithm.EC_P256, List.of(NCB, CIB, ATT));
    FederationKit rogue = FederationKit.create(KeyAlgorithm.EC_P256, List.of(CIB));
    assertThat(rogue.issuingCa().getSubjectX500Principal())
        .isEqualTo(kit.issuingCa().getSubjectX500Principal());
    rogueCib = rogue.unit(CIB).encryption().certificate();
    kit.revoke(kit.unit(ATT).encryption().certificate(), RevocationReason.KEY_COMPROMISE);
    ncb = new HostedUnit(NCB, kit.unit(NCB).signing(), kit.unit(NCB).encryption());
  }

  private KnownPeers peers(X509Certificate... peerCertificates) {
    return new KnownPeers(
        List.of(ncb),
        List.of(peerCertificates),
        new CertificateValidator(
            new TrustContext(
                List.of(kit.trustAnchor()),
                List.of(kit.issuingCa()),
                kit.crls(),
                RevocationPolicy.REQUIRE)));
  }

  /** A publish service whose publisher must never be reached: nothing here may be sealed. */
  private PublishService service(KnownPeers peers) {
    return new PublishService(
        json, null, peers, null, null, new ReplyThreads(null, null, null), Clock.systemUTC());
  }

  /** The example alert from NL.NCB to NL.ATT-BKK and TH.CIB, as a caller would post it. */
  private ObjectNode body() {
    ObjectNode body = json.write(ExampleNotices.traffickingAlert());
    PublishService.SET_BY_GATEWAY.forEach(body::remove);
    // The example's expiry is fixed; the gateway sets the creation time to now.
    body.remove("expiresAt");
    return body;
  }

  @Test
  void aRogueAndARevokedCertificateAreRefusedWithTheirRecipientsPath() {
    KnownPeers peers = peers(rogueCib, kit.unit(ATT).encryption().certificate());

    assertThat(peers.encryptionCertificate(CIB)).isEmpty();
    assertThat(peers.encryptionCertificate(ATT)).isEmpty();
    assertThatThrownBy(() -> service(peers).publish("ncb-app", ncb, body(), null))
        .isInstanceOfSatisfying(
            NoticeRefusedException.class,
            e ->
                assertThat(e.violations())
                    .extracting(JsonViolation::path, JsonViolation::code)
                    .containsExactly(
                        tuple("$.recipients[0]", "UNKNOWN_RECIPIENT"),
                        tuple("$.recipients[1]", "UNKNOWN_RECIPIENT")));
  }

  @Test
  void aRogueCertificateCannotDisplaceTheUnitsValidOneWhicheverComesFirst() {
    X509Certificate real = kit.unit(CIB).encryption().certificate();

    assertThat(peers(real, rogueCib).encryptionCertificate(CIB)).contains(real);
    assertThat(peers(rogueCib, real).encryptionCertificate(CIB)).contains(real);
  }

  @Test
  void aRogueCertificateClaimingAHostedUnitDoesNotReplaceItsOwn() {
    FederationKit rogue = FederationKit.create(KeyAlgorithm.EC_P256, List.of(NCB));

    assertThat(peers(rogue.unit(NCB).encryption().certificate()).encryptionCertificate(NCB))
        .contains(kit.unit(NCB).encryption().certificate());
  }
}
