package org.liaison.gateway.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
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
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.liaison.gateway.api.Role;
import org.liaison.gateway.json.NoticeJsonCodec;
import org.liaison.gateway.testing.TestNotices;
import org.liaison.gateway.transport.Headers;
import org.liaison.gateway.transport.Topics;
import org.liaison.gateway.transport.UnitProducers;
import org.liaison.schemas.UnitId;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A development-mode gateway seen as an operator sees it: health with details, counters that move
 * with the traffic, the OpenAPI document, and logs that never carry a notice's content. Each test
 * uses its own pair of units, so that the counters one test reads are moved by it alone.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class OperationsIT {

  private static final Duration PATIENCE = Duration.ofSeconds(60);
  private static final JsonMapper JSON = JsonMapper.builder().build();

  static Path data;

  @DynamicPropertySource
  static void freshDataFolder(DynamicPropertyRegistry registry) throws IOException {
    data = Files.createTempDirectory("liaison-ops-");
    registry.add("liaison.data-dir", data::toString);
  }

  @LocalServerPort int port;
  @Autowired MeterRegistry registry;
  @Autowired NoticeJsonCodec codec;
  @Autowired UnitProducers producers;

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping mappings;

  @Test
  void healthShowsKafkaTheDatabaseAndEachUnitsCertificates() throws Exception {
    JsonNode health = JSON.readTree(send("GET", "/actuator/health", null, null).body());

    JsonNode components = health.get("components");
    assertThat(health.get("status").asString()).isEqualTo("UP");
    assertThat(components.get("kafka").get("status").asString()).isEqualTo("UP");
    assertThat(components.get("kafka").get("details").get("nodes").asInt()).isEqualTo(1);
    assertThat(components.get("db").get("status").asString()).isEqualTo("UP");
    JsonNode units = components.get("certificates").get("details").get("units");
    assertThat(units.propertyNames()).containsExactlyInAnyOrder("NL.NCB", "NL.ATT-BKK", "TH.CIB");
    assertThat(units.get("TH.CIB").get("encryption").get("daysLeft").asLong()).isPositive();
  }

  @Test
  void countersAndTimersMoveWithTheTraffic() throws Exception {
    Map<String, String> sent = Map.of("unit", "TH.CIB");
    Map<String, String> received = Map.of("unit", "NL.NCB");
    Map<String, String> rejected = Map.of("unit", "NL.NCB", "reason", "MALFORMED_CMS");
    Map<String, String> delivered = Map.of("unit", "TH.CIB", "status", "DELIVERED");
    Map<String, String> read = Map.of("unit", "TH.CIB", "status", "READ");
    double sent0 = count(GatewayMetrics.SENT, sent);
    double received0 = count(GatewayMetrics.RECEIVED, received);
    double rejected0 = count(GatewayMetrics.REJECTED, rejected);
    double delivered0 = count(GatewayMetrics.RECEIPTS_RECEIVED, delivered);
    double read0 = count(GatewayMetrics.RECEIPTS_RECEIVED, read);
    long seals0 = timed(GatewayMetrics.SEAL, sent);
    long opens0 = timed(GatewayMetrics.OPEN, received);
    long deliveries0 = timed(GatewayMetrics.DELIVERY, received);

    UUID id = publish("TH.CIB", notice("TH.CIB", List.of("NL.NCB"), "Routine title"));
    await().atMost(PATIENCE).until(() -> inboxHas("NL.NCB", id));
    assertThat(send("POST", "/api/v1/inbox/" + id + "/read", "NL.NCB", null).statusCode())
        .isEqualTo(204);
    var garbage =
        new ProducerRecord<String, byte[]>(
            Topics.notices(UnitId.of("NL.NCB")),
            UUID.randomUUID().toString(),
            "not a CMS structure".getBytes(StandardCharsets.UTF_8));
    garbage.headers().add(Headers.SENDER, Headers.bytes("TH.CIB"));
    producers.forUnit(UnitId.of("TH.CIB")).send(garbage).get();

    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () -> {
              assertThat(count(GatewayMetrics.SENT, sent) - sent0).isEqualTo(1.0);
              assertThat(count(GatewayMetrics.RECEIVED, received) - received0).isEqualTo(1.0);
              assertThat(count(GatewayMetrics.REJECTED, rejected) - rejected0).isEqualTo(1.0);
              assertThat(count(GatewayMetrics.RECEIPTS_RECEIVED, delivered) - delivered0)
                  .isEqualTo(1.0);
              assertThat(count(GatewayMetrics.RECEIPTS_RECEIVED, read) - read0).isEqualTo(1.0);
              assertThat(timed(GatewayMetrics.SEAL, sent) - seals0).isEqualTo(1);
              assertThat(timed(GatewayMetrics.OPEN, received) - opens0).isEqualTo(2);
              assertThat(timed(GatewayMetrics.DELIVERY, received) - deliveries0)
                  .as("the notice stored, not the garbage quarantined")
                  .isEqualTo(1);
            });
    HttpResponse<String> served =
        send("GET", "/actuator/metrics/liaison.notices.rejected?tag=unit:NL.NCB", "NL.NCB", null);
    assertThat(served.statusCode()).isEqualTo(200);
    assertThat(served.body()).contains("MALFORMED_CMS");
    HttpResponse<String> scraped = send("GET", "/actuator/prometheus", "NL.NCB", null);
    assertThat(scraped.statusCode()).isEqualTo(200);
    assertThat(scraped.body())
        .contains("liaison_notices_rejected_total{", "reason=\"MALFORMED_CMS\"", "unit=\"NL.NCB\"")
        .as("publish to inbox as a histogram, for percentiles of a load's window")
        .contains("liaison_notices_delivery_seconds_bucket{");
    assertThat(send("GET", "/actuator/prometheus", null, null).statusCode())
        .as("a scrape needs an ADMIN account")
        .isEqualTo(401);
  }

  @Test
  void theOpenApiDocumentHasEveryEndpointAndNoCallerParameter(CapturedOutput output)
      throws Exception {
    HttpResponse<String> response = send("GET", "/v3/api-docs", null, null);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(output.getAll()).doesNotContain("Graceful exception occurred");
    JsonNode paths = JSON.readTree(response.body()).get("paths");

    Set<String> expected = new TreeSet<>();
    for (Map.Entry<RequestMappingInfo, HandlerMethod> m : mappings.getHandlerMethods().entrySet()) {
      String pkg = m.getValue().getBeanType().getPackageName();
      // The web pages are HTML for people, not part of the API's contract.
      if (!pkg.startsWith("org.liaison.gateway") || pkg.equals("org.liaison.gateway.web")) {
        continue;
      }
      for (String path : m.getKey().getPatternValues()) {
        m.getKey().getMethodsCondition().getMethods().stream()
            .map(method -> method.name().toLowerCase(Locale.ROOT) + " " + path)
            .forEach(expected::add);
      }
    }
    Set<String> documented = new TreeSet<>();
    List<JsonNode> parameters = new ArrayList<>();
    for (String path : paths.propertyNames()) {
      for (String method : paths.get(path).propertyNames()) {
        documented.add(method + " " + path);
        paths.get(path).get(method).path("parameters").forEach(parameters::add);
      }
    }

    assertThat(expected).contains("post /api/v1/notices", "get /api/v1/inbox");
    assertThat(documented).containsAll(expected);
    assertThat(documented).noneMatch(endpoint -> endpoint.contains(" /web"));
    assertThat(parameters).extracting(p -> p.get("name").asString()).doesNotContain("caller");
    JsonNode inbox = paths.get("/api/v1/inbox").get("get");
    assertThat(inbox.get("parameters").toString())
        .contains("\"name\":\"Liaison-Unit\"", "\"in\":\"header\"");
    // The trail reads the header itself (a gateway auditor names no unit): documented alike.
    JsonNode trail = paths.get("/api/v1/audit/security-events").get("get");
    assertThat(trail.get("parameters").toString())
        .contains("\"name\":\"Liaison-Unit\"", "\"in\":\"header\"", "UNIT_NOT_YOURS");
    assertThat(trail.get("parameters"))
        .extracting(p -> p.get("name").asString())
        .containsExactlyInAnyOrder("Liaison-Unit", "page", "size");
    assertThat(
            paths
                .get("/api/v1/notices")
                .get("post")
                .get("requestBody")
                .get("content")
                .get("application/json")
                .get("schema")
                .get("type")
                .asString())
        .isEqualTo("object");
  }

  @Test
  void theOpenApiDocumentNamesTheSessionCookieTheGatewaySets() throws Exception {
    HttpResponse<String> response = send("GET", "/v3/api-docs", null, null);

    JsonNode session =
        JSON.readTree(response.body()).get("components").get("securitySchemes").get("session");
    assertThat(session.get("in").asString()).isEqualTo("cookie");
    assertThat(session.get("name").asString()).isEqualTo("LIAISON_SESSION");
  }

  @Test
  void logsCarryIdsButNeverTheContent(CapturedOutput output) throws Exception {
    String title = "Canary title 7c1e quillwort lantern";
    String summary = "Canary summary 5b9d marigold ferry";
    ObjectNode body = notice("NL.NCB", List.of("NL.ATT-BKK"), title);
    body.put("summary", summary);
    body.put("caseReference", "NL-2026-CANARY-8642");

    UUID id = publish("NL.NCB", body);
    await().atMost(PATIENCE).until(() -> inboxHas("NL.ATT-BKK", id));
    HttpResponse<String> opened = send("GET", "/api/v1/inbox/" + id, "NL.ATT-BKK", null);
    send("POST", "/api/v1/inbox/" + id + "/read", "NL.ATT-BKK", null);
    ObjectNode refused = body.deepCopy();
    refused.put("priority", "NOT_A_PRIORITY");
    HttpResponse<String> refusal = send("POST", "/api/v1/notices", "NL.NCB", refused.toString());
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                output.getAll().contains("Receipt READ for notice " + id)
                    && output.getAll().contains("Receipt DELIVERED for notice " + id));

    assertThat(opened.body()).contains(title);
    assertThat(refusal.statusCode()).isEqualTo(400);
    assertThat(output.getAll())
        .contains(id.toString())
        .doesNotContain(title)
        .doesNotContain(summary)
        .doesNotContain("CANARY-8642");
  }

  private ObjectNode notice(String from, List<String> to, String title) {
    ObjectNode json = codec.write(TestNotices.alert(from, to.toArray(String[]::new)));
    json.remove(List.of("noticeId", "createdAt", "originator", "formatVersion"));
    json.put("title", title);
    // The pipeline tests' alert has no trafficking details, which the publish rules require.
    json.put("noticeType", "INFORMATION_REQUEST");
    return json;
  }

  private UUID publish(String unit, ObjectNode body) throws Exception {
    HttpResponse<String> response = send("POST", "/api/v1/notices", unit, body.toString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    return UUID.fromString(JSON.readTree(response.body()).get("noticeId").asString());
  }

  private boolean inboxHas(String unit, UUID id) throws Exception {
    return send("GET", "/api/v1/inbox/" + id, unit, null).statusCode() == 200;
  }

  private double count(String name, Map<String, String> tags) {
    Counter counter = registry.find(name).tags(flat(tags)).counter();
    return counter == null ? 0 : counter.count();
  }

  private long timed(String name, Map<String, String> tags) {
    Timer timer = registry.find(name).tags(flat(tags)).timer();
    return timer == null ? 0 : timer.count();
  }

  private static String[] flat(Map<String, String> tags) {
    return tags.entrySet().stream()
        .flatMap(e -> java.util.stream.Stream.of(e.getKey(), e.getValue()))
        .toArray(String[]::new);
  }

  /** The role the endpoint grants: publishers publish and follow, officers read the inbox. */
  private static Role roleFor(String method, String path) {
    if (path.startsWith("/api/v1/inbox")) {
      return Role.OFFICER;
    }
    if (path.startsWith("/actuator")) {
      return Role.ADMIN;
    }
    return Role.PUBLISHER;
  }

  /** The token development mode wrote for the unit's account of that role. */
  private static String token(String unit, Role role) throws IOException {
    return Files.readString(data.resolve("credentials").resolve(unit).resolve(role + ".token"));
  }

  private HttpResponse<String> send(String method, String path, String unit, String body)
      throws Exception {
    var request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (unit != null) {
      request.header("Authorization", "Bearer " + token(unit, roleFor(method, path)));
    }
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
