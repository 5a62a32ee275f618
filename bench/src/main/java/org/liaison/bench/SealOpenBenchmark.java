package org.liaison.bench;

import java.util.concurrent.TimeUnit;
import org.liaison.pki.seal.OpenResult;
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
 * The same seal and open as {@link SealOpenCpuTime} and {@link OpenSslRatio} ({@link
 * SealOpenLoop}).
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

  private SealOpenLoop loop;

  @Setup(Level.Trial)
  public void setUp() {
    loop = new SealOpenLoop(providers, shape);
  }

  @Benchmark
  public byte[] seal() {
    return loop.seal();
  }

  @Benchmark
  public OpenResult open() {
    return loop.open();
  }
}
