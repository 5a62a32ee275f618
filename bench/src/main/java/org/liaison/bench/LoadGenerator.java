package org.liaison.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code POST /api/v1/notices} from {@code clients} threads on the JDK's HttpClient (HTTP/1.1, one
 * kept-alive connection per client), either as fast as the answers come (saturation: each client
 * sends its next request when the last is answered) or at a fixed offered rate. At a fixed rate the
 * requests have intended start times on a schedule and latency is counted from the intended time,
 * so a gateway that falls behind is charged for the queue it makes (no coordinated omission); when
 * every client is busy the schedule slips and the achieved rate says so.
 */
final class LoadGenerator {

  private static final Pattern NOTICE_ID =
      Pattern.compile("\"noticeId\"\\s*:\\s*\"([0-9a-f-]{36})\"");

  /**
   * What a run gave.
   *
   * @param latencies nanoseconds of each 202 answer, sorted
   * @param statuses every answer's status code, counted
   * @param noticeIds the ids of the accepted notices
   * @param failures requests that got no answer (I/O errors, time-outs)
   */
  record Result(
      long[] latencies,
      Map<Integer, Long> statuses,
      List<String> noticeIds,
      long failures,
      double seconds,
      double offeredPerSecond) {

    long accepted() {
      return latencies.length;
    }

    double acceptedPerSecond() {
      return latencies.length / seconds;
    }

    double percentileMillis(double p) {
      return percentile(latencies, p) / 1e6;
    }
  }

  private final URI uri;
  private final Map<String, String> caller;
  private final byte[] body;
  private final boolean idempotencyKeys;

  /** {@code caller}: the headers that authenticate each request. */
  LoadGenerator(URI uri, Map<String, String> caller, byte[] body, boolean idempotencyKeys) {
    this.uri = uri;
    this.caller = Map.copyOf(caller);
    this.body = body;
    this.idempotencyKeys = idempotencyKeys;
  }

  /**
   * Runs for {@code duration}.
   *
   * @param ratePerSecond the offered rate, or 0 for saturation
   */
  Result run(int clients, double ratePerSecond, Duration duration) {
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    long start = System.nanoTime() + 50_000_000L;
    long end = start + duration.toNanos();
    long interval = ratePerSecond > 0 ? (long) (1e9 / ratePerSecond) : 0;
    AtomicLong slots = new AtomicLong();
    AtomicLong failures = new AtomicLong();
    Map<Integer, Long> statuses = new ConcurrentHashMap<>();
    List<long[]> perClient = new ArrayList<>();
    List<List<String>> idsPerClient = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      LongList latencies = new LongList();
      List<String> ids = new ArrayList<>();
      idsPerClient.add(ids);
      Thread t =
          new Thread(
              () -> {
                LockSupport.parkNanos(start - System.nanoTime());
                while (true) {
                  long intended;
                  if (interval > 0) {
                    intended = start + slots.getAndIncrement() * interval;
                    if (intended >= end) {
                      break;
                    }
                    LockSupport.parkNanos(intended - System.nanoTime());
                  } else {
                    intended = System.nanoTime();
                    if (intended >= end) {
                      break;
                    }
                  }
                  try {
                    HttpResponse<String> response = http.send(request(), ofString());
                    long took = System.nanoTime() - intended;
                    statuses.merge(response.statusCode(), 1L, Long::sum);
                    if (response.statusCode() == 202) {
                      latencies.add(took);
                      Matcher m = NOTICE_ID.matcher(response.body());
                      if (m.find()) {
                        ids.add(m.group(1));
                      }
                    }
                  } catch (IOException e) {
                    failures.incrementAndGet();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                  }
                }
                synchronized (perClient) {
                  perClient.add(latencies.toArray());
                }
              },
              "load-" + c);
      threads.add(t);
      t.start();
    }
    for (Thread t : threads) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    long[] all = perClient.stream().flatMapToLong(Arrays::stream).sorted().toArray();
    List<String> ids = new ArrayList<>();
    idsPerClient.forEach(ids::addAll);
    return new Result(all, new TreeMap<>(statuses), ids, failures.get(), seconds, ratePerSecond);
  }

  private HttpRequest request() {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(60))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    caller.forEach(b::header);
    if (idempotencyKeys) {
      b.header("Idempotency-Key", UUID.randomUUID().toString());
    }
    return b.build();
  }

  private static HttpResponse.BodyHandler<String> ofString() {
    return HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8);
  }

  /** The value at quantile {@code p} (0..1) of sorted {@code values}, nearest rank. */
  static long percentile(long[] values, double p) {
    if (values.length == 0) {
      return 0;
    }
    int rank = (int) Math.ceil(p * values.length);
    return values[Math.min(values.length - 1, Math.max(0, rank - 1))];
  }

  /** A growable array of longs: a latency per request without boxing. */
  private static final class LongList {
    private long[] values = new long[4096];
    private int size;

    void add(long v) {
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      values[size++] = v;
    }

    long[] toArray() {
      return Arrays.copyOf(values, size);
    }
  }
}
