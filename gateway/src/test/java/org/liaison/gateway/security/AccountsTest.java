package org.liaison.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.liaison.gateway.api.Role;
import org.liaison.pki.KeyAlgorithm;
import org.liaison.pki.ca.FederationKit;
import org.liaison.schemas.UnitId;

/** How configured accounts are checked and how a client certificate finds its account. */
class AccountsTest {

  static final UnitId NCB = UnitId.of("NL.NCB");
  static final UnitId CIB = UnitId.of("TH.CIB");
  static FederationKit kit;

  @BeforeAll
  static void federation() {
    kit = FederationKit.create(KeyAlgorithm.EC_P256, List.of(NCB, CIB));
  }

  static SecurityProperties.AccountConfig account(
      String name, SecurityProperties.CertificateBinding binding) {
    return new SecurityProperties.AccountConfig(
        name, List.of("NL.NCB"), List.of(Role.PUBLISHER), null, List.of(binding));
  }

  String issuer() {
    return kit.issuingCa().getSubjectX500Principal().getName();
  }

  @Test
  void aCertificateIsFoundByIssuerAndSubjectSpelledAnyWay() {
    // The same names with other spacing and attribute-type case: compared canonically.
    String subject = kit.unit(NCB).tls().certificate().getSubjectX500Principal().getName();
    var accounts =
        new Accounts(
            Accounts.fromConfiguration(
                List.of(
                    account(
                        "ncb-system",
                        new SecurityProperties.CertificateBinding(
                            issuer().replace(",", ", "), subject.replace("CN=", "cn="), null)))));

    assertThat(accounts.holding(kit.unit(NCB).tls().certificate()))
        .map(Account::name)
        .contains("ncb-system");
    assertThat(accounts.holding(kit.unit(CIB).tls().certificate())).isEmpty();
  }

  @Test
  void aCertificateIsFoundByIssuerAndUnitUri() {
    var accounts =
        new Accounts(
            Accounts.fromConfiguration(
                List.of(
                    account(
                        "cib-system",
                        new SecurityProperties.CertificateBinding(issuer(), null, "TH.CIB")))));

    assertThat(accounts.holding(kit.unit(CIB).tls().certificate()))
        .map(Account::name)
        .contains("cib-system");
    assertThat(accounts.holding(kit.unit(NCB).tls().certificate())).isEmpty();
  }

  @Test
  void anotherIssuerWithTheSameSubjectFindsNoAccount() {
    String subject = kit.unit(NCB).tls().certificate().getSubjectX500Principal().getName();
    var accounts =
        new Accounts(
            Accounts.fromConfiguration(
                List.of(
                    account(
                        "ncb-system",
                        new SecurityProperties.CertificateBinding(
                            "CN=Another Issuing CA,O=Elsewhere", subject, null)))));

    assertThat(accounts.holding(kit.unit(NCB).tls().certificate())).isEmpty();
  }

  @Test
  void aBindingNeedsAnIssuerAndASubjectOrAUnitAndNeverACommonNameAlone() {
    assertThatThrownBy(
            () ->
                Accounts.fromConfiguration(
                    List.of(
                        account(
                            "cn-only",
                            new SecurityProperties.CertificateBinding(null, "CN=NL.NCB", null)))))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("issuer");
    assertThatThrownBy(
            () ->
                Accounts.fromConfiguration(
                    List.of(
                        account(
                            "nothing",
                            new SecurityProperties.CertificateBinding(issuer(), null, null)))))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void configurationMistakesStopTheGateway() {
    var noUnit =
        new SecurityProperties.AccountConfig("x", List.of(), List.of(Role.ADMIN), null, List.of());
    var badUnit =
        new SecurityProperties.AccountConfig(
            "y", List.of("not a unit"), List.of(Role.ADMIN), null, List.of());
    var plainPassword =
        new SecurityProperties.AccountConfig(
            "z", List.of("NL.NCB"), List.of(Role.ADMIN), "hunter2", List.of());

    assertThatThrownBy(() -> Accounts.fromConfiguration(List.of(noUnit)))
        .hasMessageContaining("no unit");
    assertThatThrownBy(() -> Accounts.fromConfiguration(List.of(badUnit)))
        .hasMessageContaining("not of the form");
    assertThatThrownBy(() -> Accounts.fromConfiguration(List.of(plainPassword)))
        .hasMessageContaining("neither an Argon2id nor a bcrypt hash")
        .hasMessageNotContaining("hunter2");
    var twice =
        new SecurityProperties.AccountConfig("a", List.of("NL.NCB"), List.of(), null, List.of());
    assertThatThrownBy(() -> new Accounts(Accounts.fromConfiguration(List.of(twice, twice))))
        .hasMessageContaining("two accounts");
  }
}
