package org.liaison.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Development mode starts from nothing: Kafka, federation, database and credentials in a fresh
 * folder.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewayStartsTest {

  static Path data;

  @DynamicPropertySource
  static void freshDataFolder(DynamicPropertyRegistry registry) throws IOException {
    data = Files.createTempDirectory("liaison-dev-");
    registry.add("liaison.data-dir", data::toString);
  }

  @LocalServerPort int port;

  @Test
  void reportsItselfHealthyOverHttp() throws Exception {
    HttpResponse<String> response = get("/actuator/health");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("\"status\":\"UP\"");
  }

  @Test
  void answersAnEmptyInboxToAnOfficerWithTheTokenItWroteForThem() throws Exception {
    String token = Files.readString(data.resolve("credentials/TH.CIB/OFFICER.token"));

    HttpResponse<String> response = get("/api/v1/inbox", "Authorization", "Bearer " + token);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("\"items\":[]");
  }

  @Test
  void theUnitHeaderAloneAuthenticatesNothing() throws Exception {
    HttpResponse<String> response = get("/api/v1/inbox", "Liaison-Unit", "TH.CIB");

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.body()).contains("\"code\":\"NOT_AUTHENTICATED\"");
  }

  /** Its gateway auditor reads the whole trail; a unit's auditor, that unit's events only. */
  @Test
  void theGatewayAuditorItWroteReadsTheWholeTrail() throws Exception {
    String path = "/api/v1/threads/" + java.util.UUID.randomUUID();
    assertThat(get(path).statusCode()).isEqualTo(401);
    String gateway = Files.readString(data.resolve("credentials/GATEWAY_AUDITOR.token"));
    String unit = Files.readString(data.resolve("credentials/TH.CIB/AUDITOR.token"));

    HttpResponse<String> whole =
        get("/api/v1/audit/security-events", "Authorization", "Bearer " + gateway);
    HttpResponse<String> cib =
        get("/api/v1/audit/security-events", "Authorization", "Bearer " + unit);

    assertThat(whole.statusCode()).isEqualTo(200);
    assertThat(whole.body()).contains("\"scope\":\"GATEWAY\"", path);
    assertThat(cib.statusCode()).isEqualTo(200);
    assertThat(cib.body()).contains("\"scope\":\"TH.CIB\"").doesNotContain(path);
  }

  private HttpResponse<String> get(String path, String... headers) throws Exception {
    var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
