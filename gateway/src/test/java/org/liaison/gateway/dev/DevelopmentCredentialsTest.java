package org.liaison.gateway.dev;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.liaison.gateway.api.Role;
import org.liaison.gateway.security.Account;
import org.liaison.gateway.security.PasswordHashes;
import org.liaison.schemas.UnitId;

/**
 * Development mode's credentials: one account per unit and unit role and one gateway auditor,
 * usable, kept across starts.
 */
class DevelopmentCredentialsTest {

  static final List<UnitId> UNITS = List.of(UnitId.of("NL.NCB"), UnitId.of("TH.CIB"));

  @Test
  void oneAccountPerUnitAndRoleWithATokenAndAPasswordReadableByTheOwnerOnly(@TempDir Path folder)
      throws Exception {
    DevelopmentCredentials credentials = DevelopmentCredentials.openOrCreate(folder, UNITS);

    long unitRoles = Arrays.stream(Role.values()).filter(r -> !r.gatewayLevel()).count();
    assertThat(credentials.accounts()).hasSize((int) (UNITS.size() * unitRoles) + 1);
    assertThat(credentials.accounts())
        .filteredOn(a -> a.roles().contains(Role.GATEWAY_AUDITOR))
        .extracting(Account::name)
        .containsExactly(DevelopmentCredentials.GATEWAY_AUDITOR);
    Account officer =
        credentials.accounts().stream()
            .filter(a -> a.name().equals("th.cib-officer"))
            .findFirst()
            .orElseThrow();
    assertThat(officer.units()).containsExactly(UnitId.of("TH.CIB"));
    assertThat(officer.roles()).containsExactly(Role.OFFICER);
    Path password = folder.resolve("TH.CIB/OFFICER.password");
    assertThat(new PasswordHashes().matches(Files.readString(password), officer.passwordHash()))
        .isTrue();
    assertThat(Files.getPosixFilePermissions(password))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(Files.getPosixFilePermissions(folder.resolve("token-issuer.key")))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));

    SignedJWT token = SignedJWT.parse(Files.readString(folder.resolve("TH.CIB/OFFICER.token")));
    assertThat(token.verify(new ECDSAVerifier(credentials.issuer().publicKey()))).isTrue();
    assertThat(token.getJWTClaimsSet().getSubject()).isEqualTo("th.cib-officer");
    assertThat(token.getJWTClaimsSet().getIssuer()).isEqualTo(DevelopmentCredentials.ISSUER);
    assertThat(token.getJWTClaimsSet().getStringListClaim("liaison_units"))
        .containsExactly("TH.CIB");
    assertThat(token.getJWTClaimsSet().getStringListClaim("liaison_roles"))
        .containsExactly("OFFICER");
  }

  /** One gateway auditor for the whole gateway, not one per unit: it reads every unit's trail. */
  @Test
  void oneGatewayAuditorWithATokenAndAPassword(@TempDir Path folder) throws Exception {
    DevelopmentCredentials credentials = DevelopmentCredentials.openOrCreate(folder, UNITS);

    Account auditor =
        credentials.accounts().stream()
            .filter(a -> a.name().equals("gateway-auditor"))
            .findFirst()
            .orElseThrow();
    assertThat(auditor.roles()).containsExactly(Role.GATEWAY_AUDITOR);
    assertThat(auditor.units()).containsExactlyInAnyOrderElementsOf(UNITS);
    Path password = folder.resolve("GATEWAY_AUDITOR.password");
    assertThat(new PasswordHashes().matches(Files.readString(password), auditor.passwordHash()))
        .isTrue();
    assertThat(Files.getPosixFilePermissions(password))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    SignedJWT token = SignedJWT.parse(Files.readString(folder.resolve("GATEWAY_AUDITOR.token")));
    assertThat(token.verify(new ECDSAVerifier(credentials.issuer().publicKey()))).isTrue();
    assertThat(token.getJWTClaimsSet().getSubject()).isEqualTo("gateway-auditor");
    assertThat(token.getJWTClaimsSet().getStringListClaim("liaison_roles"))
        .containsExactly("GATEWAY_AUDITOR");
    assertThat(folder.resolve("NL.NCB/GATEWAY_AUDITOR.token")).doesNotExist();
  }

  @Test
  void theNextStartKeepsThePasswordsAndTheIssuerKey(@TempDir Path folder) throws Exception {
    DevelopmentCredentials first = DevelopmentCredentials.openOrCreate(folder, UNITS);
    String password = Files.readString(folder.resolve("NL.NCB/PUBLISHER.password"));
    SignedJWT oldToken =
        SignedJWT.parse(Files.readString(folder.resolve("NL.NCB/PUBLISHER.token")));

    DevelopmentCredentials second = DevelopmentCredentials.openOrCreate(folder, UNITS);

    assertThat(Files.readString(folder.resolve("NL.NCB/PUBLISHER.password"))).isEqualTo(password);
    assertThat(second.issuer().publicKey()).isEqualTo(first.issuer().publicKey());
    assertThat(oldToken.verify(new ECDSAVerifier(second.issuer().publicKey()))).isTrue();
  }
}
