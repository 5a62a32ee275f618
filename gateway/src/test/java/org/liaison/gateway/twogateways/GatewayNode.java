package org.liaison.gateway.twogateways;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.liaison.gateway.LiaisonGatewayApplication;
import org.liaison.gateway.api.Role;
import org.liaison.gateway.testing.TestTokens;
import org.liaison.schemas.UnitId;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One production-mode gateway in its own application context, started from command-line arguments
 * as an operator would start it, and a small HTTP client that acts for one of its units with a
 * bearer token from a test identity provider the gateway is configured to trust. It can be closed
 * and started again on the same database and data folder.
 */
final class GatewayNode implements AutoCloseable {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** An HTTP answer with its body parsed when it is JSON. */
  record Answer(int status, String contentType, JsonNode json) {}

  private final List<String> arguments;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private ConfigurableApplicationContext context;

  private final TestTokens tokens;

  private GatewayNode(List<String> arguments, TestTokens tokens) {
    this.arguments = List.copyOf(arguments);
    this.tokens = tokens;
  }

  /**
   * A gateway hosting {@code hosted}, knowing {@code peers}' encryption certificates, with its data
   * in {@code folder}.
   */
  static GatewayNode configure(
      FederationFiles federation,
      List<UnitId> hosted,
      List<UnitId> peers,
      String bootstrapServers,
      GatewayDatabase database,
      Path folder,
      Duration ackTimeout) {
    return configure(
        federation,
        hosted,
        peers,
        bootstrapServers,
        List.of("--liaison.kafka.tls.enabled=false"),
        database,
        folder,
        ackTimeout);
  }

  /** As above, with {@code kafkaSecurity}: the {@code liaison.kafka.tls} arguments. */
  static GatewayNode configure(
      FederationFiles federation,
      List<UnitId> hosted,
      List<UnitId> peers,
      String bootstrapServers,
      List<String> kafkaSecurity,
      GatewayDatabase database,
      Path folder,
      Duration ackTimeout) {
    List<String> args =
        new ArrayList<>(
            GatewayArguments.production(
                federation,
                hosted,
                peers,
                bootstrapServers,
                kafkaSecurity,
                database,
                folder,
                ackTimeout));
    args.add("--server.port=0");
    TestTokens tokens = TestTokens.create(folder.resolve("test-idp"));
    args.addAll(tokens.arguments());
    return new GatewayNode(args, tokens);
  }

  /** The same gateway with {@code extra} arguments after its own ({@code --liaison.x=y}). */
  GatewayNode with(String... extra) {
    List<String> args = new ArrayList<>(arguments);
    args.addAll(List.of(extra));
    return new GatewayNode(args, tokens);
  }

  GatewayNode start() {
    context =
        new SpringApplicationBuilder(LiaisonGatewayApplication.class)
            .run(arguments.toArray(String[]::new));
    return this;
  }

  /** The gateway's own database, for a test that leaves it as a crash would. */
  JdbcClient jdbc() {
    return JdbcClient.create(context.getBean(DataSource.class));
  }

  /** A bean of the running gateway, for tests that watch its state (the directory's, say). */
  <T> T bean(Class<T> type) {
    return context.getBean(type);
  }

  /** When the running application context started: unchanged as long as it is not restarted. */
  long startupDate() {
    return context.getStartupDate();
  }

  boolean running() {
    return context != null && context.isActive();
  }

  @Override
  public void close() {
    if (context != null) {
      context.close();
      context = null;
    }
  }

  Answer get(UnitId as, String path) {
    return send(request(as, path).GET());
  }

  /** A bearer token of this gateway's identity provider: {@code name}, of {@code unit}. */
  String token(String name, UnitId unit, Role... roles) {
    return tokens.issuer().issue(name, List.of(unit), List.of(roles), Duration.ofMinutes(10));
  }

  /** A GET with {@code token} and the header name and value pairs {@code headers}. */
  Answer get(String token, String path, String... headers) {
    var request =
        HttpRequest.newBuilder(URI.create(base() + path))
            .timeout(Duration.ofSeconds(60))
            .header("Authorization", "Bearer " + token)
            .GET();
    if (headers.length > 0) {
      request.headers(headers);
    }
    return send(request);
  }

  /** The body of a GET as bytes (a quarantined record's raw bytes, say); fails unless 200. */
  byte[] bytes(UnitId as, String path) {
    try {
      HttpResponse<byte[]> response =
          http.send(request(as, path).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() != 200) {
        throw new IllegalStateException("GET " + path + " answered " + response.statusCode());
      }
      return response.body();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Opens a server-sent event stream as {@code as} (every role), with the header name and value
   * pairs {@code headers}; the answer comes as soon as its head does, its lines as the server
   * writes them.
   */
  EventStream stream(UnitId as, String path, String... headers) {
    return stream(request(as, path), headers);
  }

  /** {@link #stream(UnitId, String, String...)} with {@code token}. */
  EventStream stream(String token, String path, String... headers) {
    return stream(
        HttpRequest.newBuilder(URI.create(base() + path))
            .header("Authorization", "Bearer " + token),
        headers);
  }

  private EventStream stream(HttpRequest.Builder request, String... headers) {
    request.header("Accept", "text/event-stream").GET();
    if (headers.length > 0) {
      request.headers(headers);
    }
    try {
      return new EventStream(http.send(request.build(), HttpResponse.BodyHandlers.ofLines()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  Answer post(UnitId as, String path, String body, String... headers) {
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
    return HttpRequest.newBuilder(URI.create(base() + path))
        .timeout(Duration.ofSeconds(60))
        .header("Authorization", "Bearer " + tokens.tokenWithEveryRole(as));
  }

  private String base() {
    int port = ((WebServerApplicationContext) context).getWebServer().getPort();
    return "http://127.0.0.1:" + port;
  }

  private Answer send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      String type = response.headers().firstValue("Content-Type").orElse("");
      JsonNode json =
          type.contains("json") && !response.body().isEmpty()
              ? JSON.readTree(response.body())
              : null;
      return new Answer(response.statusCode(), type, json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
