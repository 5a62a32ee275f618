package org.liaison.pki.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.liaison.pki.CryptoProviders;

class ProviderKeysTest {

  private static Provider provider(boolean nativeCode) {
    return nativeCode ? ProviderChoice.preferNative().asymmetric() : CryptoProviders.bouncyCastle();
  }

  private static KeyPair jdkKeys() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", "SunEC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }

  @ParameterizedTest(name = "native {0}")
  @ValueSource(booleans = {true, false})
  void aConvertedKeyIsTheProvidersOwnAndStaysUsable(boolean nativeCode) throws Exception {
    Provider provider = provider(nativeCode);
    KeyPair keys = jdkKeys();
    byte[] data = "a notice".getBytes(StandardCharsets.UTF_8);

    PrivateKey signing = ProviderKeys.forProvider(keys.getPrivate(), provider);
    PublicKey verifying = ProviderKeys.forProvider(keys.getPublic(), provider);

    assertThat(ProviderKeys.forProvider(keys.getPrivate(), provider)).isSameAs(signing);
    assertThat(ProviderKeys.forProvider(keys.getPublic(), provider)).isSameAs(verifying);
    assertThat(ProviderKeys.forProvider(signing, provider)).isSameAs(signing);
    // Used several times: a key the provider marked for one use only would fail the second time.
    for (int i = 0; i < 3; i++) {
      Signature signer = Signature.getInstance("SHA256withECDSA", provider);
      signer.initSign(signing);
      signer.update(data);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance("SHA256withECDSA", "SunEC");
      verifier.initVerify(keys.getPublic());
      verifier.update(data);
      assertThat(verifier.verify(signature)).isTrue();
      Signature check = Signature.getInstance("SHA256withECDSA", provider);
      check.initVerify(verifying);
      check.update(data);
      assertThat(check.verify(signature)).isTrue();
    }
  }

  @ParameterizedTest(name = "native {0}")
  @ValueSource(booleans = {true, false})
  void aNonEcKeyIsLeftAsItIs(boolean nativeCode) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    KeyPair rsa = generator.generateKeyPair();

    assertThat(ProviderKeys.forProvider(rsa.getPrivate(), provider(nativeCode)))
        .isSameAs(rsa.getPrivate());
  }

  @ParameterizedTest(name = "native {0}")
  @ValueSource(booleans = {true, false})
  void twoKeysWhoseIdentityHashesMeetStayConvertedBoth(boolean nativeCode) throws Exception {
    Provider provider = provider(nativeCode);
    // Other tests' keys may fill the table; this one is about two keys in a set with room.
    ProviderKeys.forgetAll();
    // Public keys are cheap to make; find two that a direct-mapped table would put in one slot.
    java.util.Map<Integer, PublicKey> bySlot = new java.util.HashMap<>();
    PublicKey first = null;
    PublicKey second = null;
    java.util.List<KeyPair> keep = new java.util.ArrayList<>();
    for (int i = 0; i < 10_000 && second == null; i++) {
      KeyPair pair = jdkKeys();
      keep.add(pair);
      PublicKey key = pair.getPublic();
      PublicKey earlier =
          bySlot.putIfAbsent(System.identityHashCode(key) & (ProviderKeys.SLOTS - 1), key);
      if (earlier != null) {
        first = earlier;
        second = key;
      }
    }
    assertThat(second).as("two keys in one slot").isNotNull();

    PublicKey firstConverted = ProviderKeys.forProvider(first, provider);
    PublicKey secondConverted = ProviderKeys.forProvider(second, provider);

    for (int i = 0; i < 3; i++) {
      assertThat(ProviderKeys.forProvider(first, provider)).isSameAs(firstConverted);
      assertThat(ProviderKeys.forProvider(second, provider)).isSameAs(secondConverted);
    }
    assertThat(keep).isNotEmpty();
  }

  @Test
  void ownershipIsAnsweredAlikeEachTimeForEachProvider() throws Exception {
    Provider accp = provider(true);
    Provider bc = provider(false);
    assumeTrue(accp != bc, "no native provider here");
    KeyPair keys = jdkKeys();
    PublicKey forAccp = ProviderKeys.forProvider(keys.getPublic(), accp);
    PublicKey forBc = ProviderKeys.forProvider(keys.getPublic(), bc);
    assertThat(forAccp.getClass()).isNotEqualTo(forBc.getClass());

    // Asked repeatedly, so that the remembered answers are the ones used.
    for (int i = 0; i < 3; i++) {
      assertThat(ProviderKeys.forProvider(forAccp, accp)).isSameAs(forAccp);
      assertThat(ProviderKeys.forProvider(forBc, bc)).isSameAs(forBc);
      PublicKey crossed = ProviderKeys.forProvider(forAccp, bc);
      assertThat(crossed).isNotSameAs(forAccp).hasSameClassAs(forBc);
      assertThat(crossed.getEncoded()).isEqualTo(keys.getPublic().getEncoded());
      PublicKey back = ProviderKeys.forProvider(forBc, accp);
      assertThat(back).isNotSameAs(forBc).hasSameClassAs(forAccp);
    }
  }
}
