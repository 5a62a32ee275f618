package org.liaison.pki.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
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
}
