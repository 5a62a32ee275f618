package org.liaison.gateway.crash;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.liaison.gateway.LiaisonGatewayApplication;
import org.liaison.gateway.testing.TestTokens;
import org.liaison.schemas.UnitId;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A gateway in a JVM of its own, started as an operator starts one ({@code java -cp …
 * LiaisonGatewayApplication --liaison…}) on the test's class path, on a fixed HTTP port so that
 * clients find it again after a restart. {@link #kill} is {@code kill -9}: no shutdown hook, no
 * flush, no leave-group; {@link #start} again runs the same command on the same database and data
 * folder. The process's output goes to a log file beside its data, appended across restarts.
 */
final class GatewayProcess implements AutoCloseable {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** An HTTP answer with its body parsed when it is JSON. */
  record Answer(int status, JsonNode json) {}

  private final List<String> command;
  private final Path log;
  private final int port;
  private final TestTokens tokens;
  private final Map<UnitId, String> bearer = new ConcurrentHashMap<>();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private Process process;

  GatewayProcess(List<String> gatewayArguments, Path folder, int port) {
    this.port = port;
    this.log = folder.resolve("gateway.log");
    this.tokens = TestTokens.create(folder.resolve("test-idp"));
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // Small and quick to start: the machine running the suite has two cores.
    cmd.add("-Xmx384m");
    cmd.add("-XX:+UseSerialGC");
    cmd.add("-XX:TieredStopAtLevel=1");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(LiaisonGatewayApplication.class.getName());
    cmd.addAll(gatewayArguments);
    cmd.add("--server.port=" + port);
    cmd.addAll(tokens.arguments());
    this.command = List.copyOf(cmd);
  }

  /** Starts the process; {@link #ready} says when it answers. */
  GatewayProcess start() {
    if (process != null && process.isAlive()) {
      throw new IllegalStateException("already running");
    }
    try {
      process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /**
   * Whether the gateway answers its health endpoint; fails at once if the process has died, with
   * the end of its log.
   */
  boolean ready() {
    if (!process.isAlive()) {
      throw new IllegalStateException(
          "the gateway exited with " + process.exitValue() + "; its log ends with:\n" + logTail());
    }
    try {
      HttpResponse<Void> response =
          http.send(
              HttpRequest.newBuilder(uri("/actuator/health"))
                  .timeout(Duration.ofSeconds(2))
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.discarding());
      return response.statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** {@code kill -9}: SIGKILL, and waits until the process is gone. */
  void kill() {
    process.destroyForcibly();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the gateway survived SIGKILL for 30 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Stops the process as an operator would (SIGTERM), or kills it if it does not stop. */
  @Override
  public void close() {
    if (process == null || !process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        kill();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      kill();
    }
  }

  /** The last lines of the process's log, for a failure message. */
  String logTail() {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  Path log() {
    return log;
  }

  /**
   * A GET acting for {@code as} with a bearer token of every role.
   *
   * @throws IOException when the gateway does not answer (down, or killed while answering)
   */
  Answer get(UnitId as, String path) throws IOException {
    return send(request(as, path).GET());
  }

  /** A POST of JSON acting for {@code as}; {@code headers} are name, value, name, value… */
  Answer post(UnitId as, String path, String body, String... headers) throws IOException {
    var request =
        request(as, path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return send(request);
  }

  private HttpRequest.Builder request(UnitId as, String path) {
    return HttpRequest.newBuilder(uri(path))
        .timeout(Duration.ofSeconds(30))
        .header(
            "Authorization", "Bearer " + bearer.computeIfAbsent(as, tokens::tokenWithEveryRole));
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + path);
  }

  private Answer send(HttpRequest.Builder request) throws IOException {
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      String type = response.headers().firstValue("Content-Type").orElse("");
      JsonNode json =
          type.contains("json") && !response.body().isEmpty()
              ? JSON.readTree(response.body())
              : null;
      return new Answer(response.statusCode(), json);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }
}
