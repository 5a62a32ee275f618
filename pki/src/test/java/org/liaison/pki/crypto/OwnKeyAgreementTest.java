package org.liaison.pki.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.Security;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.util.stream.Stream;
import javax.crypto.KeyAgreement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.liaison.pki.CryptoProviders;

/**
 * The sender's own shared secret computed from both private keys equals the ECDH of the ephemeral
 * key with the own public key, for every provider that offers it, on both curves, with own keys as
 * the JDK's key store gives them.
 */
class OwnKeyAgreementTest {

  static Stream<Arguments> providersAndCurves() {
    Stream.Builder<Arguments> cases = Stream.builder();
    for (ProviderChoice choice :
        new ProviderChoice[] {ProviderChoice.preferNative(), ProviderChoice.pureJava()}) {
      for (String curve : new String[] {"secp256r1", "secp384r1"}) {
        cases.add(Arguments.of(choice.asymmetric(), curve));
      }
    }
    return cases.build();
  }

  @ParameterizedTest
  @MethodSource("providersAndCurves")
  void theSecretEqualsTheEcdhOfTheEphemeralKeyWithTheOwnPublicKey(Provider provider, String curve)
      throws Exception {
    OwnKeyAgreement agreement = OwnKeyAgreement.forProvider(provider).orElseThrow();
    KeyPairGenerator ephemerals = KeyPairGenerator.getInstance("EC", provider);
    ephemerals.initialize(new ECGenParameterSpec(curve));
    // Own keys as a PKCS#12 store loads them: the JDK's (SunEC) key objects.
    KeyPairGenerator owners = KeyPairGenerator.getInstance("EC", "SunEC");
    owners.initialize(new ECGenParameterSpec(curve));
    for (int i = 0; i < 200; i++) {
      KeyPair ephemeral = ephemerals.generateKeyPair();
      KeyPair own = i % 2 == 0 ? owners.generateKeyPair() : ephemerals.generateKeyPair();
      KeyAgreement ecdh = KeyAgreement.getInstance("ECDH", provider);
      ecdh.init(ephemeral.getPrivate());
      ecdh.doPhase(ProviderKeys.forProvider(own.getPublic(), provider), true);

      assertThat(agreement.sharedSecret(ephemeral.getPrivate(), (ECPrivateKey) own.getPrivate()))
          .as("round %d", i)
          .isEqualTo(ecdh.generateSecret());
    }
  }

  @Test
  void theNativeProviderOffersItWhereItLoads() {
    ProviderChoice choice = ProviderChoice.preferNative();
    assumeThat(choice.nativeCode()).as("ACCP loads here").isTrue();
    // Fails if an ACCP upgrade takes away the derivation it relies on: sealing would silently
    // fall back to the slower full ECDH for the sender's own RecipientInfo.
    assertThat(OwnKeyAgreement.forProvider(choice.asymmetric())).isPresent();
  }

  @Test
  void bouncyCastleOffersIt() {
    assertThat(OwnKeyAgreement.forProvider(CryptoProviders.bouncyCastle())).isPresent();
  }

  @Test
  void aProviderWithoutAKnownWayIsNotOffered() {
    assertThat(OwnKeyAgreement.forProvider(Security.getProvider("SunEC"))).isEmpty();
  }

  @Test
  void aNonEcEphemeralKeyIsRefused() throws Exception {
    OwnKeyAgreement agreement =
        OwnKeyAgreement.forProvider(CryptoProviders.bouncyCastle()).orElseThrow();
    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
    rsa.initialize(2048);
    KeyPairGenerator ec = KeyPairGenerator.getInstance("EC", "SunEC");
    ec.initialize(new ECGenParameterSpec("secp256r1"));
    ECPrivateKey own = (ECPrivateKey) ec.generateKeyPair().getPrivate();

    assertThatThrownBy(() -> agreement.sharedSecret(rsa.generateKeyPair().getPrivate(), own))
        .isInstanceOf(GeneralSecurityException.class);
  }
}
