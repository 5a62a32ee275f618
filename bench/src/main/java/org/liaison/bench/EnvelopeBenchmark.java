package org.liaison.bench;

import java.io.IOException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSAuthEnvelopedData;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.Recipient;
import org.bouncycastle.cms.RecipientInformation;
import org.bouncycastle.cms.jcajce.JceKeyAgreeAuthEnvelopedRecipient;
import org.liaison.pki.CryptoProviders;
import org.liaison.pki.crypto.ProviderChoice;
import org.liaison.pki.keys.PrivateKeyHandle;
import org.liaison.pki.seal.NoticeSealer;
import org.liaison.pki.seal.cms.EcdhAuthEnvelopedRecipient;
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
 * The envelope step alone (key agreement, unwrap, AES-GCM): Bouncy Castle's stock {@code
 * JceKeyAgreeAuthEnvelopedRecipient}, which has to run entirely in Bouncy Castle (its key agreement
 * needs BC's KDF-named KeyAgreement, and its content step cannot use SunJCE's AES-GCM), against
 * ours with ACCP's ECDH and SunJCE's AES-GCM, and ours with Bouncy Castle's ECDH and SunJCE.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
public class EnvelopeBenchmark {

  @Param({"bc-stock", "ours-native", "ours-pure-java"})
  public String recipient;

  @Param({"2k", "1m"})
  public String size;

  private byte[] sealed;
  private PrivateKeyHandle key;
  private Recipient jceRecipient;
  private X509CertificateHolder holder;

  @Setup(Level.Trial)
  public void setUp() throws Exception {
    Federation federation = new Federation();
    int bytes = size.equals("1m") ? 1024 * 1024 : 2048;
    sealed =
        new NoticeSealer(ProviderChoice.preferNative(), Clock.systemUTC())
            .seal(
                federation.notice(bytes, 1),
                federation.kit.unit(Federation.SENDER).signing(),
                federation.kit.unit(Federation.SENDER).encryption().certificate(),
                federation.recipientCertificates(1));
    key = federation.firstRecipientKeys().encryption();
    holder = new X509CertificateHolder(key.certificate().getEncoded());
    jceRecipient = recipient(key.privateKey(), key.certificate());
    decrypt();
  }

  private Recipient recipient(PrivateKey privateKey, X509Certificate cert) {
    SubjectPublicKeyInfo info = SubjectPublicKeyInfo.getInstance(cert.getPublicKey().getEncoded());
    return switch (recipient) {
      case "bc-stock" ->
          new JceKeyAgreeAuthEnvelopedRecipient(privateKey)
              .setProvider(CryptoProviders.bouncyCastle());
      case "ours-native" -> ours(privateKey, info, ProviderChoice.preferNative());
      case "ours-pure-java" -> ours(privateKey, info, ProviderChoice.pureJava());
      default -> throw new IllegalArgumentException(recipient);
    };
  }

  private static Recipient ours(PrivateKey key, SubjectPublicKeyInfo info, ProviderChoice p) {
    return new EcdhAuthEnvelopedRecipient(
        key, info.getAlgorithm(), p.asymmetric(), p.asymmetric(), p.symmetric());
  }

  @Benchmark
  public byte[] decrypt() throws CMSException, IOException {
    CMSAuthEnvelopedData envelope = new CMSAuthEnvelopedData(sealed);
    for (RecipientInformation info : envelope.getRecipientInfos().getRecipients()) {
      if (info.getRID().match(holder)) {
        return info.getContent(jceRecipient);
      }
    }
    throw new IllegalStateException("no RecipientInfo for the benchmark unit");
  }
}
