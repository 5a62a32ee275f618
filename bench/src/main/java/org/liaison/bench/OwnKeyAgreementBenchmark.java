package org.liaison.bench;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.util.concurrent.TimeUnit;
import javax.crypto.KeyAgreement;
import org.liaison.pki.crypto.OwnKeyAgreement;
import org.liaison.pki.crypto.ProviderChoice;
import org.liaison.pki.crypto.ProviderKeys;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * The sender's own RecipientInfo secret: a fresh ephemeral key and then either the ECDH with the
 * own public key (as before) or {@link OwnKeyAgreement} from both private keys, on P-256, with the
 * own key as a PKCS#12 store gives it (the JDK's key object).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(1)
public class OwnKeyAgreementBenchmark {

  @Param({"native", "pure-java"})
  public String providers;

  private Provider provider;
  private KeyPairGenerator ephemerals;
  private KeyPair own;
  private OwnKeyAgreement agreement;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    ProviderChoice choice =
        providers.equals("native") ? ProviderChoice.preferNative() : ProviderChoice.pureJava();
    provider = choice.asymmetric();
    ephemerals = KeyPairGenerator.getInstance("EC", provider);
    ephemerals.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPairGenerator jdk = KeyPairGenerator.getInstance("EC", "SunEC");
    jdk.initialize(new ECGenParameterSpec("secp256r1"));
    own = jdk.generateKeyPair();
    agreement = OwnKeyAgreement.forProvider(provider).orElseThrow();
  }

  /** Ephemeral key, then a full ECDH with the own public key. */
  @Benchmark
  public byte[] ephemeralAndEcdh() throws Exception {
    KeyPair ephemeral = ephemerals.generateKeyPair();
    KeyAgreement ecdh = KeyAgreement.getInstance("ECDH", provider);
    ecdh.init(ephemeral.getPrivate());
    ecdh.doPhase(ProviderKeys.forProvider(own.getPublic(), provider), true);
    return ecdh.generateSecret();
  }

  /** Ephemeral key, then (e·s mod n)·G. */
  @Benchmark
  public byte[] ephemeralAndOwnKeyAgreement() throws Exception {
    KeyPair ephemeral = ephemerals.generateKeyPair();
    return agreement.sharedSecret(ephemeral.getPrivate(), (ECPrivateKey) own.getPrivate());
  }

  /** The ephemeral key alone, to subtract. */
  @Benchmark
  public KeyPair ephemeralOnly() {
    return ephemerals.generateKeyPair();
  }
}
