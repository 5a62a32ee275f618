package org.liaison.pki;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.junit.jupiter.api.Test;

class KeyAlgorithmTest {

  @Test
  void recognisesTheKeysItMakes() {
    for (KeyAlgorithm algorithm : KeyAlgorithm.values()) {
      if (algorithm == KeyAlgorithm.RSA_4096) {
        continue; // same code path as RSA_3072, and slow to generate
      }
      assertThat(KeyAlgorithm.of(algorithm.generate().getPublic())).contains(algorithm);
    }
  }

  @Test
  void saysHowEachKeyTypeSignsAndReceivesKeys() {
    assertThat(KeyAlgorithm.DEFAULT).isEqualTo(KeyAlgorithm.EC_P256);
    assertThat(KeyAlgorithm.EC_P256.signatureAlgorithm()).isEqualTo("SHA256withECDSA");
    assertThat(KeyAlgorithm.EC_P384.signatureAlgorithm()).isEqualTo("SHA384withECDSA");
    assertThat(KeyAlgorithm.RSA_3072.signatureAlgorithm()).isEqualTo("SHA256withRSAandMGF1");
    assertThat(KeyAlgorithm.EC_P384.keyEstablishment())
        .isEqualTo(KeyAlgorithm.KeyEstablishment.AGREEMENT);
    assertThat(KeyAlgorithm.RSA_4096.keyEstablishment())
        .isEqualTo(KeyAlgorithm.KeyEstablishment.TRANSPORT);
  }

  @Test
  void refusesWeakRsaOtherCurvesAndOtherKeyTypes() throws Exception {
    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA", CryptoProviders.bouncyCastle());
    rsa.initialize(2048);
    var weak = rsa.generateKeyPair().getPublic();
    assertThat(KeyAlgorithm.of(weak)).isEmpty();
    assertThat(KeyAlgorithm.describe(SubjectPublicKeyInfo.getInstance(weak.getEncoded())))
        .isEqualTo("RSA 2048-bit");

    KeyPairGenerator ec = KeyPairGenerator.getInstance("EC", CryptoProviders.bouncyCastle());
    ec.initialize(new ECGenParameterSpec("secp521r1"));
    assertThat(KeyAlgorithm.of(ec.generateKeyPair().getPublic())).isEmpty();

    KeyPairGenerator ed = KeyPairGenerator.getInstance("Ed25519", CryptoProviders.bouncyCastle());
    assertThat(KeyAlgorithm.of(ed.generateKeyPair().getPublic())).isEmpty();
  }
}
