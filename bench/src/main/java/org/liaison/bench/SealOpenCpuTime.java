package org.liaison.bench;

import java.util.Arrays;
import java.util.Locale;

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

    SealOpenLoop loop = new SealOpenLoop(providers, shape);
    System.out.printf(
        Locale.ROOT,
        "providers=%s (%s) shape=%s sealed=%d bytes, %d warm-up + %d rounds of %d%n",
        providers,
        loop.describeProviders(),
        shape,
        loop.sealedBytes(),
        warmupRounds,
        rounds,
        perRound);
    double[] sealUs = new double[rounds];
    double[] openUs = new double[rounds];
    double[] sealAlloc = new double[rounds];
    double[] openAlloc = new double[rounds];
    double[] processUs = new double[rounds];
    for (int round = 0; round < warmupRounds + rounds; round++) {
      SealOpenLoop.Round r = loop.round(perRound);
      boolean warm = round >= warmupRounds;
      if (warm) {
        int i = round - warmupRounds;
        sealUs[i] = r.sealMicros();
        openUs[i] = r.openMicros();
        sealAlloc[i] = r.sealBytes();
        openAlloc[i] = r.openBytes();
        processUs[i] = r.processMicros();
      }
      System.out.printf(
          Locale.ROOT,
          "%s %2d: seal %7.1f µs %7.1f KB   open %7.1f µs %7.1f KB   process %7.1f µs%n",
          warm ? "round  " : "warm-up",
          warm ? round - warmupRounds + 1 : round + 1,
          r.sealMicros(),
          r.sealBytes() / 1024,
          r.openMicros(),
          r.openBytes() / 1024,
          r.processMicros());
    }
    double seal = SealOpenLoop.median(sealUs);
    double open = SealOpenLoop.median(openUs);
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
            + " allocated: seal %.1f KB, open %.1f KB; whole process (with GC and JIT threads)"
            + " %.1f µs per seal+open, %.0f per second (sink %d)%n",
        seal,
        1e6 / seal,
        open,
        1e6 / open,
        1e6 / (seal + open),
        SealOpenLoop.median(sealAlloc) / 1024,
        SealOpenLoop.median(openAlloc) / 1024,
        SealOpenLoop.median(processUs),
        1e6 / SealOpenLoop.median(processUs),
        loop.sink());
  }
}
