package org.liaison.bench;

import java.lang.management.ManagementFactory;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The end-to-end load harness: a development-mode gateway from the built jar (one process: the
 * sending and receiving units, the in-process Kafka broker, H2), loaded through {@code POST
 * /api/v1/notices} with a bearer token, and in the same run the baselines it is a ratio of: plain
 * Kafka through the same broker with records of the sealed size, and seal+open per core-second.
 *
 * <pre>
 * ./mvnw -B -pl gateway,bench -am package -DskipTests
 * java -cp bench/target/benchmarks.jar org.liaison.bench.EndToEnd [--name=value ...]
 * </pre>
 *
 * Settings (defaults): {@code --shapes=2k-1,2k-5,64k-1} (notice size and recipients), {@code
 * --clients=16}, {@code --seconds=20} per run, {@code --warmup-seconds=30}, {@code --rate=1000}
 * (the fixed offered rate, lowered to 60 % of the shape's saturation when that is below it), {@code
 * --idempotency-keys=true}, {@code --caller=token} (or {@code session}: signed in with the
 * publisher's password, the session cookie and CSRF token on each request), {@code
 * --gateway-jar=gateway/target/liaison-gateway-0.1.0-SNAPSHOT.jar}, {@code --jvm=-Xmx512m} (the
 * gateway's JVM options, space-separated), {@code --gateway-args=} (further {@code --liaison...}
 * settings, space-separated), {@code --http-port=46180}, {@code --kafka-port=46190}, {@code
 * --data=} (a fresh temporary folder, whose database and broker logs are deleted at the end),
 * {@code --baseline=true}, {@code --keep=false} (keep the gateway running at the end, for a
 * profiler).
 */
public final class EndToEnd {

  private static final String DELIVERY = "liaison_notices_delivery_seconds";

  private final Map<String, String> options;
  private final GatewayUnderTest gateway;
  private final com.sun.management.OperatingSystemMXBean os =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  private EndToEnd(Map<String, String> options, GatewayUnderTest gateway) {
    this.options = options;
    this.gateway = gateway;
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> options = new LinkedHashMap<>();
    options.put("shapes", "2k-1,2k-5,64k-1");
    options.put("clients", "16");
    options.put("seconds", "20");
    options.put("warmup-seconds", "30");
    options.put("rate", "1000");
    options.put("idempotency-keys", "true");
    options.put("caller", "token");
    options.put("gateway-jar", "gateway/target/liaison-gateway-0.1.0-SNAPSHOT.jar");
    options.put("jvm", "-Xmx512m");
    options.put("gateway-args", "");
    options.put("http-port", "46180");
    options.put("kafka-port", "46190");
    options.put("data", "");
    options.put("baseline", "true");
    options.put("keep", "false");
    for (String a : args) {
      if (!a.startsWith("--") || !a.contains("=")) {
        throw new IllegalArgumentException("settings are --name=value, not " + a);
      }
      String name = a.substring(2, a.indexOf('='));
      if (!options.containsKey(name)) {
        throw new IllegalArgumentException("no setting " + name + "; known: " + options.keySet());
      }
      options.put(name, a.substring(a.indexOf('=') + 1));
    }
    List<Shape> shapes = Arrays.stream(options.get("shapes").split(",")).map(Shape::of).toList();
    int most = shapes.stream().mapToInt(Shape::recipients).max().orElse(1);
    List<String> units = new ArrayList<>(List.of("NL.NCB", "NL.ATT-BKK", "TH.CIB"));
    for (int i = units.size(); i <= most; i++) {
      units.add("TH.UNIT-" + i);
    }
    Path data =
        options.get("data").isEmpty()
            ? Files.createTempDirectory("liaison-e2e-")
            : Path.of(options.get("data"));
    say("%s: load %s; gateway data and log in %s", Instant.now(), loadAverage(), data);
    GatewayUnderTest gateway =
        GatewayUnderTest.start(
            Path.of(options.get("gateway-jar")),
            data,
            Integer.parseInt(options.get("http-port")),
            Integer.parseInt(options.get("kafka-port")),
            units,
            words(options.get("jvm")),
            words(options.get("gateway-args")));
    try {
      say("gateway pid %d ready; %s", gateway.pid(), options);
      new EndToEnd(options, gateway).run(shapes, units);
      if (Boolean.parseBoolean(options.get("keep"))) {
        say("--keep: the gateway (pid %d) runs on; Ctrl-C ends it", gateway.pid());
        Thread.currentThread().join();
      }
    } finally {
      gateway.close();
      if (options.get("data").isEmpty()) {
        // A run writes gigabytes (H2 appends a chunk per commit, the broker keeps every record):
        // a temporary folder keeps only the gateway's log.
        for (String big : List.of("db", "kafka")) {
          deleteTree(data.resolve(big));
        }
        say("deleted the database and the broker's logs; the gateway's log stays in %s", data);
      }
    }
  }

  private static void deleteTree(Path root) throws java.io.IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (var paths = Files.walk(root)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private void run(List<Shape> shapes, List<String> units) throws Exception {
    int clients = Integer.parseInt(options.get("clients"));
    Duration seconds = Duration.ofSeconds(Long.parseLong(options.get("seconds")));
    List<String> lines = new ArrayList<>();
    Shape first = shapes.get(0);
    say("warm-up: %s at saturation for %s s", first, options.get("warmup-seconds"));
    measure(
        first,
        units,
        clients,
        0,
        Duration.ofSeconds(Long.parseLong(options.get("warmup-seconds"))),
        "warm-up");
    for (Shape shape : shapes) {
      Run saturated = measure(shape, units, clients, 0, seconds, "saturation");
      lines.add(saturated.row());
      double rate = Double.parseDouble(options.get("rate"));
      double offered = Math.min(rate, Math.floor(saturated.load.acceptedPerSecond() * 0.6));
      Run fixed = measure(shape, units, clients, offered, seconds, "fixed rate");
      lines.add(fixed.row());
    }
    if (Boolean.parseBoolean(options.get("baseline"))) {
      for (Shape shape : shapes) {
        lines.add(baseline(shape, clients));
      }
    }
    say("\nSummary (%s, load %s)", Instant.now(), loadAverage());
    say(
        "| shape | mode | offered/s | 202/s | other answers | publish p50 / p99 / p99.9 ms |"
            + " publish→inbox p50 / p99 ms | receipts back after load | gateway CPU µs/notice |"
            + " alloc/notice | heap after GC | heap max seen | harness CPU µs/notice | load |");
    say("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
    lines.forEach(EndToEnd::say);
  }

  /** One run and everything measured about it. */
  private Run measure(
      Shape shape, List<String> units, int clients, double rate, Duration duration, String mode)
      throws Exception {
    List<String> recipients = units.subList(1, 1 + shape.recipients());
    byte[] body = NoticeBodies.alert(recipients, shape.bytes());
    LoadGenerator load =
        new LoadGenerator(
            gateway.uri("/api/v1/notices"),
            gateway.caller(options.get("caller"), "PUBLISHER"),
            body,
            Boolean.parseBoolean(options.get("idempotency-keys")));
    double cpu0 = gateway.metric("process.cpu.time");
    long jit0 = gateway.cpuNanos()[1];
    double alloc0 = gateway.metric("jvm.gc.memory.allocated");
    double received0 = gateway.metric("liaison.notices.received");
    double delivered0 = gateway.metric("liaison.receipts.received", "status:DELIVERED");
    double commits0 = gateway.metric("liaison.store.group.commits");
    TreeMap<Double, Double> histogram0 = gateway.histogram(DELIVERY);
    long harness0 = os.getProcessCpuTime();
    String loadBefore = loadAverage();
    AtomicBoolean sampling = new AtomicBoolean(true);
    AtomicLong heapMax = new AtomicLong();
    Thread sampler =
        new Thread(
            () -> {
              while (sampling.get()) {
                long used = (long) gateway.metric("jvm.memory.used", "area:heap");
                heapMax.accumulateAndGet(used, Math::max);
                GatewayUnderTest.sleep(1000);
              }
            },
            "heap-sampler");
    sampler.start();
    LoadGenerator.Result result = load.run(clients, rate, duration);
    long loadEnded = System.nanoTime();
    long harness1 = os.getProcessCpuTime();
    long copies = result.accepted() * shape.recipients();
    double storedAfter =
        awaitCount(() -> gateway.metric("liaison.notices.received") - received0, copies);
    double receiptsAfter =
        awaitCount(
            () -> gateway.metric("liaison.receipts.received", "status:DELIVERED") - delivered0,
            copies);
    long receiptsSeconds = System.nanoTime() - loadEnded;
    sampling.set(false);
    sampler.join();
    double cpu1 = gateway.metric("process.cpu.time");
    long jit1 = gateway.cpuNanos()[1];
    double alloc1 = gateway.metric("jvm.gc.memory.allocated");
    double commits1 = gateway.metric("liaison.store.group.commits");
    TreeMap<Double, Double> histogram1 = gateway.histogram(DELIVERY);
    gateway.collectGarbage();
    double heapAfterGc = gateway.metric("jvm.memory.used", "area:heap");
    int checked = checkReceipts(result.noticeIds(), shape.recipients());
    Run run =
        new Run(
            shape,
            mode,
            result,
            percentile(histogram0, histogram1, 0.5),
            percentile(histogram0, histogram1, 0.99),
            storedAfter,
            receiptsAfter,
            receiptsSeconds / 1e9,
            result.accepted() == 0 ? 0 : (cpu1 - cpu0) / 1e3 / result.accepted(),
            result.accepted() == 0 ? 0 : Math.max(0, jit1 - jit0) / 1e3 / result.accepted(),
            result.accepted() == 0 ? 0 : (alloc1 - alloc0) / result.accepted(),
            heapAfterGc,
            heapMax.get(),
            result.accepted() == 0 ? 0 : (harness1 - harness0) / 1e3 / result.accepted(),
            loadBefore + " → " + loadAverage());
    say(
        "%s %s: %d accepted (%.0f/s, offered %s), answers %s, %d without answer; publish p50 %.1f"
            + " p99 %.1f p99.9 %.1f ms; publish→inbox p50 ≤ %.0f p99 ≤ %.0f ms; %d copies stored, %d"
            + " DELIVERED receipts, the last %.1f s after the load; sent view of %d notices: every"
            + " copy DELIVERED; gateway CPU %.0f µs (JIT compiler threads %.0f) and %.0f KB allocated per notice; heap after GC"
            + " %.0f MB (max seen %.0f MB); publish-path commits per notice %.2f (0: a gateway"
            + " without grouped commits); harness CPU %.0f µs per notice; load %s",
        shape,
        mode,
        result.accepted(),
        result.acceptedPerSecond(),
        rate > 0 ? String.format(Locale.ROOT, "%.0f/s", rate) : "saturation",
        result.statuses(),
        result.failures(),
        result.percentileMillis(0.5),
        result.percentileMillis(0.99),
        result.percentileMillis(0.999),
        run.deliveryP50 * 1e3,
        run.deliveryP99 * 1e3,
        (long) storedAfter,
        (long) receiptsAfter,
        run.receiptsSeconds,
        checked,
        run.cpuMicros,
        run.jitMicros,
        run.allocBytes / 1024,
        heapAfterGc / (1 << 20),
        heapMax.get() / (double) (1 << 20),
        result.accepted() == 0 ? 0 : (commits1 - commits0) / result.accepted(),
        run.harnessMicros,
        run.machineLoad);
    return run;
  }

  /** Waits until {@code count} reaches {@code expected} (at most two minutes); its last value. */
  private static double awaitCount(java.util.function.DoubleSupplier count, long expected) {
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    double seen = count.getAsDouble();
    while (seen < expected && System.nanoTime() < deadline) {
      GatewayUnderTest.sleep(100);
      seen = count.getAsDouble();
    }
    return seen;
  }

  /**
   * Reads the sender's view of up to 50 of the accepted notices (spread over the run) and checks
   * that every copy is DELIVERED; the counters cover the rest.
   */
  private int checkReceipts(List<String> ids, int recipients) throws Exception {
    int step = Math.max(1, ids.size() / 50);
    int checked = 0;
    for (int i = 0; i < ids.size(); i += step) {
      HttpResponse<String> view =
          gateway.get("/api/v1/notices/" + ids.get(i), gateway.token("PUBLISHER"));
      int delivered = view.body().split("\"state\":\"DELIVERED\"", -1).length - 1;
      if (view.statusCode() != 200 || delivered != recipients) {
        throw new IllegalStateException(
            "notice " + ids.get(i) + " is not DELIVERED to every recipient: " + view.body());
      }
      checked++;
    }
    return checked;
  }

  /** The upper bound (seconds) of the bucket holding quantile {@code p} of the window's values. */
  static double percentile(
      TreeMap<Double, Double> before, TreeMap<Double, Double> after, double p) {
    double total = after.lastEntry() == null ? 0 : after.lastEntry().getValue();
    total -= before.lastEntry() == null ? 0 : before.lastEntry().getValue();
    if (total <= 0) {
      return Double.NaN;
    }
    for (Map.Entry<Double, Double> bucket : after.entrySet()) {
      double n = bucket.getValue() - before.getOrDefault(bucket.getKey(), 0.0);
      if (n >= p * total) {
        return bucket.getKey();
      }
    }
    return Double.POSITIVE_INFINITY;
  }

  private String baseline(Shape shape, int clients) throws Exception {
    SealOpenLoop loop = new SealOpenLoop("native", shape.name());
    int perRound = Math.max(10, 2_000_000 / Math.max(1, shape.bytes() * shape.recipients()));
    perRound = Math.min(perRound, 1000);
    double[] seal = new double[5];
    double[] open = new double[5];
    for (int round = 0; round < 8; round++) {
      SealOpenLoop.Round r = loop.round(perRound);
      if (round >= 3) {
        seal[round - 3] = r.sealMicros();
        open[round - 3] = r.openMicros();
      }
    }
    double sealUs = SealOpenLoop.median(seal);
    double openUs = SealOpenLoop.median(open);
    KafkaBaseline.Result kafka =
        KafkaBaseline.run(
            gateway.kafkaBootstrap(),
            loop.sealedBytes(),
            shape.bytes() > 100_000 ? 2_000 : 20_000,
            clients,
            Duration.ofSeconds(10));
    String line =
        String.format(
            Locale.ROOT,
            "| %s | baseline | | | | | | | seal %.0f + open %.0f µs (thread CPU): %.0f seal+open per"
                + " core-second | sealed %d B | Kafka pipelined %.0f rec/s |"
                + " Kafka, %d clients each awaiting its ack: %.0f rec/s (ack p50 %.1f, p99 %.1f ms)"
                + " | | %s |",
            shape,
            sealUs,
            openUs,
            1e6 / (sealUs + openUs),
            loop.sealedBytes(),
            kafka.pipelinedPerSecond(),
            clients,
            kafka.acknowledgedPerSecond(),
            kafka.ackP50Millis(),
            kafka.ackP99Millis(),
            loadAverage());
    say(line);
    return line;
  }

  private static List<String> words(String text) {
    return text.isBlank() ? List.of() : List.of(text.trim().split("\\s+"));
  }

  static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return parts[0] + " " + parts[1] + " " + parts[2];
    } catch (java.io.IOException e) {
      return String.format(
          Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
  }

  static void say(String format, Object... args) {
    System.out.println(args.length == 0 ? format : String.format(Locale.ROOT, format, args));
    System.out.flush();
  }

  /** A notice size and recipient count, e.g. {@code 2k-5}. */
  record Shape(String name, int bytes, int recipients) {
    static Shape of(String name) {
      String[] parts = name.split("-");
      int bytes =
          parts[0].endsWith("m")
              ? Integer.parseInt(parts[0].replace("m", "")) << 20
              : Integer.parseInt(parts[0].replace("k", "")) << 10;
      return new Shape(name, bytes, Integer.parseInt(parts[1]));
    }

    @Override
    public String toString() {
      return name;
    }
  }

  /** A run's figures, as a table row. */
  private record Run(
      Shape shape,
      String mode,
      LoadGenerator.Result load,
      double deliveryP50,
      double deliveryP99,
      double stored,
      double receipts,
      double receiptsSeconds,
      double cpuMicros,
      double jitMicros,
      double allocBytes,
      double heapAfterGc,
      long heapMax,
      double harnessMicros,
      String machineLoad) {

    String row() {
      Map<Integer, Long> others = new TreeMap<>(load.statuses());
      others.remove(202);
      return String.format(
          Locale.ROOT,
          "| %s | %s | %s | %.0f | %s | %.1f / %.1f / %.1f | ≤ %.0f / ≤ %.0f | %.1f s | %.0f (JIT %.0f) | %.0f KB"
              + " | %.0f MB | %.0f MB | %.0f | %s |",
          shape,
          mode,
          load.offeredPerSecond() > 0
              ? String.format(Locale.ROOT, "%.0f", load.offeredPerSecond())
              : "—",
          load.acceptedPerSecond(),
          others.isEmpty() && load.failures() == 0
              ? "none"
              : others + (load.failures() > 0 ? " + " + load.failures() + " no answer" : ""),
          load.percentileMillis(0.5),
          load.percentileMillis(0.99),
          load.percentileMillis(0.999),
          deliveryP50 * 1e3,
          deliveryP99 * 1e3,
          receiptsSeconds,
          cpuMicros,
          jitMicros,
          allocBytes / 1024,
          heapAfterGc / (1 << 20),
          heapMax / (double) (1 << 20),
          harnessMicros,
          machineLoad);
    }
  }
}
