package org.liaison.bench;

import java.lang.management.ManagementFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.liaison.pki.crypto.ProviderChoice;
import org.liaison.pki.keys.PrivateKeyHandle;
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

/**
 * Seal and open measured in thread CPU time, the cross-check of {@link SealOpenBenchmark} for a
 * machine shared with other work: JMH's wall-clock throughput falls when the benchmark thread is
 * runnable but not scheduled, CPU time does not. A long warm-up (the JIT must have compiled Bouncy
 * Castle's ASN.1 and the JDK's PKIX code), then rounds of seals and opens; each round reports CPU
 * microseconds and bytes allocated per operation of this thread, and the end the medians.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar org.liaison.bench.SealOpenCpuTime \
 *     [native|pure-java] [shape, e.g. 2k-1] [warm-up rounds] [rounds] [operations per round]
 * </pre>
 */
public final class SealOpenCpuTime {

  private SealOpenCpuTime() {}

  public static void main(String[] args) {
    String providers = args.length > 0 ? args[0] : "native";
    String shape = args.length > 1 ? args[1] : "2k-1";
    int warmupRounds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
    int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 10;
    int perRound = args.length > 4 ? Integer.parseInt(args[4]) : 1000;

    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    ProviderChoice choice = Federation.providers(providers);
    Federation federation = new Federation();
    String[] parts = shape.split("-");
    int bytes =
        parts[0].endsWith("m")
            ? Integer.parseInt(parts[0].replace("m", "")) * 1024 * 1024
            : Integer.parseInt(parts[0].replace("k", "")) * 1024;
    int count = Integer.parseInt(parts[1]);
    CaseNotice notice = federation.notice(bytes, count);
    List<X509Certificate> recipients = federation.recipientCertificates(count);
    PrivateKeyHandle signing = federation.kit.unit(Federation.SENDER).signing();
    X509Certificate senderEncryption =
        federation.kit.unit(Federation.SENDER).encryption().certificate();
    NoticeSealer sealer = new NoticeSealer(choice, Clock.systemUTC());
    NoticeOpener opener =
        new NoticeOpener(
            choice,
            OpeningPolicy.defaults(),
            new InMemoryReplayStore(),
            NoticeRulesCheck.standard());
    OpeningKeys keys = federation.firstRecipientKeys();
    CertificateValidator validator = federation.validator();
    Delivery delivery = Delivery.kafka("liaison.notices.TH.UNIT-1", 0, 1);
    byte[] sealed = sealer.seal(notice, signing, senderEncryption, recipients);

    System.out.printf(
        Locale.ROOT,
        "providers=%s (%s) shape=%s sealed=%d bytes, %d warm-up + %d rounds of %d%n",
        providers,
        choice.describe(),
        shape,
        sealed.length,
        warmupRounds,
        rounds,
        perRound);
    long tid = Thread.currentThread().getId();
    double[] sealUs = new double[rounds];
    double[] openUs = new double[rounds];
    double[] sealAlloc = new double[rounds];
    double[] openAlloc = new double[rounds];
    long sink = 0;
    for (int round = 0; round < warmupRounds + rounds; round++) {
      long cpu0 = threads.getCurrentThreadCpuTime();
      long alloc0 = threads.getThreadAllocatedBytes(tid);
      for (int i = 0; i < perRound; i++) {
        sink += sealer.seal(notice, signing, senderEncryption, recipients).length;
      }
      long cpu1 = threads.getCurrentThreadCpuTime();
      long alloc1 = threads.getThreadAllocatedBytes(tid);
      for (int i = 0; i < perRound; i++) {
        OpenResult result =
            opener.open(sealed, keys, validator, Optional.empty(), Instant.now(), delivery);
        if (!result.opened()) {
          throw new IllegalStateException("the notice does not open: " + result);
        }
      }
      long cpu2 = threads.getCurrentThreadCpuTime();
      long alloc2 = threads.getThreadAllocatedBytes(tid);
      double seal = (cpu1 - cpu0) / 1e3 / perRound;
      double open = (cpu2 - cpu1) / 1e3 / perRound;
      double sealBytes = (double) (alloc1 - alloc0) / perRound;
      double openBytes = (double) (alloc2 - alloc1) / perRound;
      boolean warm = round >= warmupRounds;
      if (warm) {
        int r = round - warmupRounds;
        sealUs[r] = seal;
        openUs[r] = open;
        sealAlloc[r] = sealBytes;
        openAlloc[r] = openBytes;
      }
      System.out.printf(
          Locale.ROOT,
          "%s %2d: seal %7.1f µs %7.1f KB   open %7.1f µs %7.1f KB%n",
          warm ? "round  " : "warm-up",
          warm ? round - warmupRounds + 1 : round + 1,
          seal,
          sealBytes / 1024,
          open,
          openBytes / 1024);
    }
    double seal = median(sealUs);
    double open = median(openUs);
    double bestSeal = Arrays.stream(sealUs).min().orElse(0);
    double bestOpen = Arrays.stream(openUs).min().orElse(0);
    System.out.printf(
        Locale.ROOT,
        "best round CPU: seal %.1f µs, open %.1f µs, seal+open %.0f per core-second%n",
        bestSeal,
        bestOpen,
        1e6 / (bestSeal + bestOpen));
    System.out.printf(
        Locale.ROOT,
        "median CPU: seal %.1f µs (%.0f/s), open %.1f µs (%.0f/s), seal+open %.0f per core-second;"
            + " allocated: seal %.1f KB, open %.1f KB (sink %d)%n",
        seal,
        1e6 / seal,
        open,
        1e6 / open,
        1e6 / (seal + open),
        median(sealAlloc) / 1024,
        median(openAlloc) / 1024,
        sink % 10);
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }
}
