package org.liaison.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A development-mode gateway in a JVM of its own, started from the built gateway jar as a developer
 * starts one ({@code java -jar liaison-gateway.jar}), with its data in a fresh folder: the
 * in-process Kafka broker, the development federation, H2, and a bearer token per unit and role.
 * Its figures are read from outside, as an operator reads them: {@code /actuator/metrics} and
 * {@code /actuator/prometheus} with an ADMIN token.
 */
final class GatewayUnderTest implements AutoCloseable {

  private static final Pattern LOGIN_CSRF =
      Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");
  private static final Pattern SESSION_CSRF_HEADER =
      Pattern.compile("\"headerName\"\\s*:\\s*\"([^\"]+)\"");
  private static final Pattern SESSION_CSRF_TOKEN =
      Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"");

  private static final Pattern VALUE = Pattern.compile("\"value\"\\s*:\\s*([-0-9.eE+]+|\"NaN\")");
  private static final Pattern BUCKET = Pattern.compile("le=\"([^\"]+)\"[^}]*}\\s+([-0-9.eE+]+)");

  private final Process process;
  private final Path data;
  private final String sender;
  private final int httpPort;
  private final int kafkaPort;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();
  private String adminToken;

  private GatewayUnderTest(Process process, Path data, String sender, int httpPort, int kafkaPort) {
    this.process = process;
    this.data = data;
    this.sender = sender;
    this.httpPort = httpPort;
    this.kafkaPort = kafkaPort;
  }

  /**
   * Starts the gateway and waits until it answers its health endpoint.
   *
   * @param units the hosted units, the first being the sender of the load
   * @param jvmOptions e.g. {@code -Xmx512m}
   * @param arguments further {@code --name=value} settings
   */
  static GatewayUnderTest start(
      Path jar,
      Path data,
      int httpPort,
      int kafkaPort,
      List<String> units,
      List<String> jvmOptions,
      List<String> arguments) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-jar");
    command.add(jar.toString());
    command.add("--liaison.data-dir=" + data);
    command.add("--server.port=" + httpPort);
    command.add("--liaison.development.kafka-port=" + kafkaPort);
    command.add("--liaison.development.units=" + String.join(",", units));
    // The load comes from one account: the per-account rate limit would measure itself.
    command.add("--liaison.security.limits.requests-per-minute=1000000000");
    command.add("--liaison.security.limits.burst=1000000");
    command.addAll(arguments);
    try {
      Files.createDirectories(data);
      Process p =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(data.resolve("gateway.log").toFile())
              .start();
      GatewayUnderTest gateway = new GatewayUnderTest(p, data, units.get(0), httpPort, kafkaPort);
      gateway.awaitReady(Duration.ofMinutes(4));
      return gateway;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void awaitReady(Duration patience) {
    long deadline = System.nanoTime() + patience.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "the gateway exited with " + process.exitValue() + "; see " + log());
      }
      try {
        if (get("/actuator/health", null).statusCode() == 200) {
          adminToken = token("ADMIN");
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      sleep(500);
    }
    throw new IllegalStateException("the gateway did not become ready; see " + log());
  }

  long pid() {
    return process.pid();
  }

  Path log() {
    return data.resolve("gateway.log");
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + httpPort + path);
  }

  String kafkaBootstrap() {
    return "127.0.0.1:" + kafkaPort;
  }

  /** The bearer token of the sending unit's account with {@code role}. */
  String token(String role) {
    return token(sender, role);
  }

  String token(String unit, String role) {
    try {
      return Files.readString(data.resolve("credentials").resolve(unit).resolve(role + ".token"))
          .trim();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The headers of a caller of the sending unit's account with {@code role}: {@code token} (its
   * bearer token), or {@code session} (signed in through {@code /login} with its password: the
   * session cookie and the session's CSRF token, which every POST of a session must carry).
   */
  Map<String, String> caller(String kind, String role) {
    return switch (kind) {
      case "token" -> Map.of("Authorization", "Bearer " + token(role));
      case "session" -> session(role);
      default -> throw new IllegalArgumentException("callers are token or session, not " + kind);
    };
  }

  private Map<String, String> session(String role) {
    try {
      String password =
          Files.readString(data.resolve("credentials").resolve(sender).resolve(role + ".password"))
              .trim();
      HttpResponse<String> page = get("/login", null);
      Matcher csrf = LOGIN_CSRF.matcher(page.body());
      if (!csrf.find()) {
        throw new IllegalStateException("no CSRF token in the login page: " + page.statusCode());
      }
      String form =
          "username="
              + URLEncoder.encode(
                  (sender + "-" + role).toLowerCase(Locale.ROOT), StandardCharsets.UTF_8)
              + "&password="
              + URLEncoder.encode(password, StandardCharsets.UTF_8)
              + "&_csrf="
              + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
      HttpRequest.Builder login =
          HttpRequest.newBuilder(uri("/login"))
              .timeout(Duration.ofSeconds(30))
              .header("Content-Type", "application/x-www-form-urlencoded")
              .POST(HttpRequest.BodyPublishers.ofString(form));
      sessionCookie(page).ifPresent(c -> login.header("Cookie", c));
      HttpResponse<String> answer =
          http.send(login.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      Matcher header = SESSION_CSRF_HEADER.matcher(answer.body());
      Matcher token = SESSION_CSRF_TOKEN.matcher(answer.body());
      if (answer.statusCode() != 200 || !header.find() || !token.find()) {
        throw new IllegalStateException(
            "login answered " + answer.statusCode() + " " + answer.body());
      }
      String cookie =
          sessionCookie(answer)
              .orElseThrow(() -> new IllegalStateException("the login set no session cookie"));
      return Map.of("Cookie", cookie, header.group(1), token.group(1));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The session cookie {@code response} sets, as a Cookie header's value. */
  private static Optional<String> sessionCookie(HttpResponse<?> response) {
    return response.headers().allValues("Set-Cookie").stream()
        .filter(c -> c.startsWith("LIAISON_SESSION="))
        .map(c -> c.substring(0, c.indexOf(';') < 0 ? c.length() : c.indexOf(';')))
        .findFirst();
  }

  /** The first measurement of a metric ({@code COUNT}, {@code VALUE} or {@code TOTAL_TIME}). */
  double metric(String name, String... tags) {
    StringBuilder path = new StringBuilder("/actuator/metrics/").append(name);
    for (int i = 0; i < tags.length; i++) {
      path.append(i == 0 ? '?' : '&').append("tag=").append(tags[i]);
    }
    try {
      HttpResponse<String> response = get(path.toString(), adminToken);
      if (response.statusCode() == 404) {
        return 0; // not registered yet: nothing counted
      }
      Matcher m = VALUE.matcher(response.body());
      if (response.statusCode() != 200 || !m.find() || m.group(1).startsWith("\"")) {
        throw new IllegalStateException(
            name + ": " + response.statusCode() + " " + response.body());
      }
      return Double.parseDouble(m.group(1));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The cumulative bucket counts of a Prometheus histogram, summed over its series (every unit), by
   * upper bound in seconds.
   */
  TreeMap<Double, Double> histogram(String prometheusName) {
    try {
      HttpResponse<String> response = get("/actuator/prometheus", adminToken);
      TreeMap<Double, Double> buckets = new TreeMap<>();
      for (String line : response.body().split("\n")) {
        if (line.startsWith(prometheusName + "_bucket{")) {
          Matcher m = BUCKET.matcher(line);
          if (m.find()) {
            double le =
                m.group(1).equals("+Inf")
                    ? Double.POSITIVE_INFINITY
                    : Double.parseDouble(m.group(1));
            buckets.merge(le, Double.parseDouble(m.group(2)), Double::sum);
          }
        }
      }
      return buckets;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The gateway process's CPU time so far in nanoseconds, from {@code /proc} (Linux): in all, and
   * of its JIT compiler threads, whose work is warm-up rather than cost per notice.
   */
  long[] cpuNanos() {
    long all = 0;
    long compiler = 0;
    try (var tasks = Files.list(Path.of("/proc", Long.toString(process.pid()), "task"))) {
      for (Path task : tasks.toList()) {
        try {
          String stat = Files.readString(task.resolve("stat"));
          // The name is in parentheses and may hold spaces: the fields after it are fixed.
          String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
          String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
          long nanos = ticks * 10_000_000L; // USER_HZ is 100 on Linux
          all += nanos;
          if (name.contains("Compiler")) {
            compiler += nanos;
          }
        } catch (IOException | RuntimeException gone) {
          // a thread that ended between the listing and the read
        }
      }
    } catch (IOException e) {
      return new long[] {0, 0};
    }
    return new long[] {all, compiler};
  }

  /** A full GC in the gateway ({@code jcmd <pid> GC.run}), so that the heap used is what lives. */
  void collectGarbage() {
    try {
      Process jcmd =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                  Long.toString(process.pid()),
                  "GC.run")
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      jcmd.waitFor(60, TimeUnit.SECONDS);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  HttpResponse<String> get(String path, String token) throws IOException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).GET();
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Stops the gateway as an operator would (SIGTERM), or kills it after 60 s. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
