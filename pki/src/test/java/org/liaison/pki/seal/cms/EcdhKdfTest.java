package org.liaison.pki.seal.cms;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.Provider;
import java.util.Random;
import javax.crypto.SecretKey;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cms.CMSAlgorithm;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.liaison.pki.CryptoProviders;

/** The ECC-CMS-SharedInfo kept for plain AES wraps is the one Bouncy Castle encodes each time. */
class EcdhKdfTest {

  private static ASN1ObjectIdentifier wrap(int bits) {
    return switch (bits) {
      case 128 -> NISTObjectIdentifiers.id_aes128_wrap;
      case 192 -> NISTObjectIdentifiers.id_aes192_wrap;
      default -> NISTObjectIdentifiers.id_aes256_wrap;
    };
  }

  @ParameterizedTest
  @ValueSource(ints = {128, 192, 256})
  void keptSharedInfoEqualsTheFreshEncoding(int bits) throws Exception {
    AlgorithmIdentifier built = new AlgorithmIdentifier(wrap(bits));
    // As the opener gets it: parsed from the message's bytes.
    AlgorithmIdentifier parsed = AlgorithmIdentifier.getInstance(built.getEncoded());

    byte[] fresh = EcdhKdf.sharedInfo(built, null);
    assertThat(EcdhKdf.kdfSharedInfo(built, null)).isEqualTo(fresh);
    assertThat(EcdhKdf.kdfSharedInfo(parsed, null)).isEqualTo(fresh);
    assertThat(EcdhKdf.kdfSharedInfo(parsed, null)).isSameAs(EcdhKdf.kdfSharedInfo(built, null));
  }

  @ParameterizedTest
  @ValueSource(ints = {128, 192, 256})
  void parametersOrUkmAreEncodedAsTheyCome(int bits) throws Exception {
    AlgorithmIdentifier withNull = new AlgorithmIdentifier(wrap(bits), DERNull.INSTANCE);
    AlgorithmIdentifier withOctets =
        new AlgorithmIdentifier(wrap(bits), new DEROctetString(new byte[] {1, 2}));
    AlgorithmIdentifier plain = new AlgorithmIdentifier(wrap(bits));
    byte[] ukm = {9, 8, 7, 6};

    assertThat(EcdhKdf.kdfSharedInfo(withNull, null))
        .isEqualTo(EcdhKdf.sharedInfo(withNull, null))
        .isNotEqualTo(EcdhKdf.kdfSharedInfo(plain, null));
    assertThat(EcdhKdf.kdfSharedInfo(withOctets, null))
        .isEqualTo(EcdhKdf.sharedInfo(withOctets, null));
    assertThat(EcdhKdf.kdfSharedInfo(plain, ukm))
        .isEqualTo(EcdhKdf.sharedInfo(plain, ukm))
        .isNotEqualTo(EcdhKdf.kdfSharedInfo(plain, null));
  }

  @ParameterizedTest
  @ValueSource(ints = {128, 192, 256})
  void derivedKeyIsTheOneOverTheFreshEncoding(int bits) throws Exception {
    byte[] z = new byte[32];
    new Random(bits).nextBytes(z);
    AlgorithmIdentifier plain = new AlgorithmIdentifier(wrap(bits));
    Provider provider = CryptoProviders.bouncyCastle();

    SecretKey kept = EcdhKdf.derive(z.clone(), CMSAlgorithm.ECDH_SHA256KDF, plain, null, provider);
    SecretKey fresh =
        EcdhKdf.derive(z.clone(), "SHA-256", EcdhKdf.sharedInfo(plain, null), bits, provider);

    assertThat(kept.getEncoded()).hasSize(bits / 8).isEqualTo(fresh.getEncoded());
  }
}
