package org.liaison.pki.seal.cms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.operator.ContentVerifier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.liaison.pki.CryptoProviders;
import org.liaison.pki.crypto.ProviderChoice;

/**
 * The signature objects a thread reuses give each verification its own answer, whatever the one
 * before it did.
 */
class EcdsaVerifierProviderTest {

  private static final AlgorithmIdentifier ECDSA_SHA256 =
      new AlgorithmIdentifier(X9ObjectIdentifiers.ecdsa_with_SHA256);

  private static Provider provider(boolean nativeCode) {
    return nativeCode ? ProviderChoice.preferNative().asymmetric() : CryptoProviders.bouncyCastle();
  }

  private static KeyPair keys(Provider provider) throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", provider);
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }

  private static byte[] sign(KeyPair keys, Provider provider, byte[] data) throws Exception {
    Signature signer = Signature.getInstance("SHA256withECDSA", provider);
    signer.initSign(keys.getPrivate());
    signer.update(data);
    return signer.sign();
  }

  private static boolean verify(ContentVerifier verifier, byte[] data, byte[] signature)
      throws Exception {
    try (OutputStream out = verifier.getOutputStream()) {
      out.write(data);
    }
    return verifier.verify(signature);
  }

  private static boolean verifyOrFalse(
      EcdsaVerifierProvider verifiers, byte[] data, byte[] signature) {
    try {
      return verify(verifiers.get(ECDSA_SHA256), data, signature);
    } catch (Exception | Error refused) {
      return false;
    }
  }

  @ParameterizedTest(name = "native {0}")
  @ValueSource(booleans = {true, false})
  void aFailedOrAbandonedVerificationLeavesTheNextOneItsOwnAnswer(boolean nativeCode)
      throws Exception {
    Provider provider = provider(nativeCode);
    KeyPair keys = keys(provider);
    byte[] data = "a notice".getBytes(StandardCharsets.UTF_8);
    byte[] signature = sign(keys, provider, data);
    byte[] flipped = signature.clone();
    flipped[flipped.length - 1] ^= 1;
    byte[] garbage = {0x30, 0x03, 0x02, 0x01};
    EcdsaVerifierProvider verifiers = new EcdsaVerifierProvider(keys.getPublic(), provider);

    for (int i = 0; i < 3; i++) {
      assertThat(verify(verifiers.get(ECDSA_SHA256), data, signature)).isTrue();
      assertThat(verifyOrFalse(verifiers, data, flipped)).isFalse();
      assertThat(verify(verifiers.get(ECDSA_SHA256), data, signature)).isTrue();
      assertThat(verifyOrFalse(verifiers, data, garbage)).isFalse();
      // Fed data, then dropped without verifying.
      try (OutputStream out = verifiers.get(ECDSA_SHA256).getOutputStream()) {
        out.write(data);
      }
      assertThat(verify(verifiers.get(ECDSA_SHA256), data, signature)).isTrue();
      assertThat(verifyOrFalse(verifiers, "another".getBytes(StandardCharsets.UTF_8), signature))
          .isFalse();
    }
  }

  @ParameterizedTest(name = "native {0}")
  @ValueSource(booleans = {true, false})
  void twoVerifiersInUseAtOnceOnOneThreadShareNothing(boolean nativeCode) throws Exception {
    Provider provider = provider(nativeCode);
    KeyPair first = keys(provider);
    KeyPair second = keys(provider);
    byte[] one = "one".getBytes(StandardCharsets.UTF_8);
    byte[] two = "two".getBytes(StandardCharsets.UTF_8);
    byte[] signedOne = sign(first, provider, one);
    byte[] signedTwo = sign(second, provider, two);

    for (int i = 0; i < 3; i++) {
      ContentVerifier a = new EcdsaVerifierProvider(first.getPublic(), provider).get(ECDSA_SHA256);
      ContentVerifier b = new EcdsaVerifierProvider(second.getPublic(), provider).get(ECDSA_SHA256);
      OutputStream outA = a.getOutputStream();
      OutputStream outB = b.getOutputStream();
      outA.write(one, 0, 1);
      outB.write(two, 0, 1);
      outA.write(one, 1, one.length - 1);
      outB.write(two, 1, two.length - 1);

      assertThat(b.verify(signedTwo)).isTrue();
      assertThat(a.verify(signedOne)).isTrue();
    }
  }

  @ParameterizedTest(name = "native {0}")
  @ValueSource(booleans = {true, false})
  void aVerifierThatVerifiedIsNotUsedAgain(boolean nativeCode) throws Exception {
    Provider provider = provider(nativeCode);
    KeyPair keys = keys(provider);
    byte[] data = "a notice".getBytes(StandardCharsets.UTF_8);
    byte[] signature = sign(keys, provider, data);
    ContentVerifier verifier =
        new EcdsaVerifierProvider(keys.getPublic(), provider).get(ECDSA_SHA256);

    assertThat(verify(verifier, data, signature)).isTrue();

    assertThatThrownBy(() -> verifier.getOutputStream().write(data))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> verifier.verify(signature)).isInstanceOf(IllegalStateException.class);
  }
}
