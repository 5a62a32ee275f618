package org.liaison.bench;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.liaison.pki.crypto.ProviderChoice;
import org.liaison.pki.seal.Delivery;
import org.liaison.pki.seal.InMemoryReplayStore;
import org.liaison.pki.seal.NoticeOpener;
import org.liaison.pki.seal.NoticeRulesCheck;
import org.liaison.pki.seal.NoticeSealer;
import org.liaison.pki.seal.OpenResult;
import org.liaison.pki.seal.OpeningKeys;
import org.liaison.pki.seal.OpeningPolicy;
import org.liaison.pki.validation.CertificateValidator;
import org.liaison.schemas.avro.CaseNotice;
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
 * Seal and open, single thread, for each shape "size-recipients": 2 KB to 1, 64 KB and 1 MB to 1, 2
 * KB to 5 and to 20. Opening runs every check, signer path validation with CRLs included; its
 * replay step sees a redelivery of one Kafka record, so that the same bytes can be opened again.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Threads(1)
public class SealOpenBenchmark {

  @Param({"native", "pure-java"})
  public String providers;

  @Param({"2k-1", "64k-1", "1m-1", "2k-5", "2k-20"})
  public String shape;

  private NoticeSealer sealer;
  private NoticeOpener opener;
  private CaseNotice notice;
  private Federation federation;
  private List<X509Certificate> recipients;
  private byte[] sealed;
  private OpeningKeys keys;
  private CertificateValidator validator;
  private final Delivery delivery = Delivery.kafka("liaison.notices.TH.UNIT-1", 0, 1);

  @Setup(Level.Trial)
  public void setUp() {
    ProviderChoice choice = Federation.providers(providers);
    federation = new Federation();
    String[] parts = shape.split("-");
    int bytes =
        parts[0].endsWith("m") ? 1024 * 1024 : Integer.parseInt(parts[0].replace("k", "")) * 1024;
    int count = Integer.parseInt(parts[1]);
    notice = federation.notice(bytes, count);
    recipients = federation.recipientCertificates(count);
    sealer = new NoticeSealer(choice, Clock.systemUTC());
    opener =
        new NoticeOpener(
            choice,
            OpeningPolicy.defaults(),
            new InMemoryReplayStore(),
            NoticeRulesCheck.standard());
    keys = federation.firstRecipientKeys();
    validator = federation.validator();
    sealed = seal();
    OpenResult first = open();
    if (!first.opened()) {
      throw new IllegalStateException("the benchmark notice does not open: " + first);
    }
  }

  @Benchmark
  public byte[] seal() {
    return sealer.seal(
        notice,
        federation.kit.unit(Federation.SENDER).signing(),
        federation.kit.unit(Federation.SENDER).encryption().certificate(),
        recipients);
  }

  @Benchmark
  public OpenResult open() {
    return opener.open(sealed, keys, validator, Optional.empty(), Instant.now(), delivery);
  }
}
