package org.liaison.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.liaison.gateway.security.TestGateway.OWN;
import static org.liaison.gateway.security.TestGateway.PEER;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.liaison.gateway.api.Role;
import org.liaison.gateway.security.TestGateway.Answer;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Hostile requests against the HTTP edge of a production-mode gateway, sent as raw bytes over TLS
 * (java.net.http refuses to send most of them): every one is refused with a 4xx problem document
 * that has a code and the security headers, whichever layer refuses it (Tomcat, the firewall,
 * Spring Security, the controller), and the refused values never reach the log.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(OutputCaptureExtension.class)
class HttpEdgeHostileInputIT {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String MARKER = "case-word-" + UUID.randomUUID();

  /** An answer read off the socket: status, headers (lower-case names) and body. */
  record RawAnswer(int status, Map<String, String> headers, String body) {
    JsonNode json() {
      return JSON.readTree(body);
    }

    String code() {
      return json().path("code").asString();
    }
  }

  TestGateway gateway;

  @BeforeAll
  void start(@TempDir Path folder) throws Exception {
    gateway = new TestGateway(folder);
  }

  @AfterAll
  void stop() {
    if (gateway != null) {
      gateway.close();
    }
  }

  @Test
  void aNonAsciiIdempotencyKeyIsABadHeader(CapturedOutput output) {
    RawAnswer answer =
        send(
            "POST",
            "/api/v1/notices",
            List.of(
                bearer(Role.PUBLISHER),
                "Idempotency-Key: " + MARKER + "-\u00d1\u008e",
                "Content-Type: application/json"),
            notice().getBytes(StandardCharsets.UTF_8));

    assertRefused(answer, 400, "BAD_HEADER");
    assertThat(output.getAll()).doesNotContain(MARKER);
  }

  @Test
  void aControlCharacterInTheUnitHeaderIsABadHeader(CapturedOutput output) {
    RawAnswer answer =
        send(
            "GET",
            "/api/v1/inbox",
            List.of(bearer(Role.OFFICER), "Liaison-Unit: " + MARKER + "\u0085"),
            null);

    assertRefused(answer, 400, "BAD_HEADER");
    assertThat(output.getAll()).doesNotContain(MARKER);
  }

  @Test
  void aControlCharacterInTheBearerTokenIsABadHeader() {
    assertRefused(
        send("GET", "/api/v1/inbox", List.of("Authorization: Bearer \u0085"), null),
        400,
        "BAD_HEADER");
  }

  @Test
  void aHundredKilobyteHeaderIsRefusedByTheContainer() {
    assertRefused(
        send("GET", "/api/v1/inbox", List.of("X-Padding: " + "a".repeat(100 * 1024)), null),
        400,
        "MALFORMED_REQUEST");
  }

  @Test
  void anEncodedNulInThePathIsRefused() {
    RawAnswer answer = send("GET", "/api/v1/inbox/%00", List.of(bearer(Role.OFFICER)), null);

    assertRefused(answer, 400, "MALFORMED_REQUEST");
  }

  @Test
  void aPathThatIsNotNormalizedIsRejectedByTheFirewall() {
    for (String path : List.of("/api/v1//inbox", "/api/v1/inbox;x=1")) {
      assertRefused(
          send("GET", path, List.of(bearer(Role.OFFICER)), null), 400, "REQUEST_REJECTED");
    }
  }

  @Test
  void aTenKilobytePathIsRefused() {
    assertRefused(
        send("GET", "/api/v1/inbox/" + "a".repeat(10 * 1024), List.of(bearer(Role.OFFICER)), null),
        400,
        "MALFORMED_REQUEST");
  }

  @Test
  void aTenKilobyteCaseReferenceIsRefused() {
    assertRefused(
        send(
            "GET",
            "/api/v1/inbox?caseReference=" + "C".repeat(10 * 1024),
            List.of(bearer(Role.OFFICER)),
            null),
        400,
        "MALFORMED_REQUEST");
  }

  @Test
  void wrongMethodsOnTheNoticesAre405() {
    for (String method : List.of("PUT", "DELETE", "PATCH")) {
      RawAnswer answer = send(method, "/api/v1/notices", List.of(bearer(Role.PUBLISHER)), null);

      assertRefused(answer, 405, "METHOD_NOT_ALLOWED");
      assertThat(answer.headers()).containsEntry("allow", "POST");
    }
  }

  @Test
  void anUnknownPathIsAProblemDocumentToo() {
    assertRefused(send("GET", "/nothing-here", List.of(), null), 401, "NOT_AUTHENTICATED");
  }

  @Test
  void aLoneSurrogateInATitleIsInvalidUnicode() {
    RawAnswer answer = publish(notice().replace("\"title\":\"", "\"title\":\"\\ud800"));

    assertRefused(answer, 400, "NOTICE_INVALID");
    assertThat(violations(answer)).containsEntry("$.title", "INVALID_UNICODE");
  }

  @Test
  void aSurrogateInRawUtf8IsRefused() {
    byte[] body =
        notice().replace("\"title\":\"", "\"title\":\"@@").getBytes(StandardCharsets.UTF_8);
    String text = new String(body, StandardCharsets.ISO_8859_1);
    int at = text.indexOf("@@");
    // U+D800 written as UTF-8 would be (ED A0 80): no valid UTF-8, the way some encoders do it.
    body[at] = (byte) 0xED;
    body[at + 1] = (byte) 0xA0;
    byte[] withThird = new byte[body.length + 1];
    System.arraycopy(body, 0, withThird, 0, at + 2);
    withThird[at + 2] = (byte) 0x80;
    System.arraycopy(body, at + 2, withThird, at + 3, body.length - at - 2);

    RawAnswer answer = publishBytes(withThird);

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.code()).isIn("NOTICE_INVALID", "MALFORMED_REQUEST");
    assertProblemWithHeaders(answer);
  }

  @Test
  void nulAndEscapeInTitleAndCaseReferenceAreControlCharacters() {
    RawAnswer answer =
        publish(
            notice()
                .replace("\"title\":\"", "\"title\":\"\\u0000")
                .replace("\"caseReference\":\"", "\"caseReference\":\"\\u001b[2J"));

    assertRefused(answer, 400, "NOTICE_INVALID");
    assertThat(violations(answer))
        .containsEntry("$.title", "CONTROL_CHARACTER")
        .containsEntry("$.caseReference", "CONTROL_CHARACTER");
  }

  /** Five failures must not tell a real account (locked) from an unknown name (never locked). */
  @Test
  void aLockedAccountAndAnUnknownNameAnswerAlike() {
    String unknown = "no-such-account-" + UUID.randomUUID();
    for (int i = 0; i < TestGateway.MAX_FAILURES; i++) {
      gateway.loginAttempt(TestGateway.LOCKED_TOO, "wrong " + i, true);
      gateway.loginAttempt(unknown, "wrong " + i, true);
    }

    Answer locked = gateway.loginAttempt(TestGateway.LOCKED_TOO, "the right password", true);
    Answer stranger = gateway.loginAttempt(unknown, "wrong again", true);

    assertThat(locked.status()).isEqualTo(stranger.status()).isEqualTo(401);
    assertThat(locked.code()).isEqualTo("LOGIN_FAILED");
    assertThat(locked.header("Content-Type")).hasValue("application/problem+json");
    assertThat(locked.header("X-Frame-Options")).hasValue("DENY");
    assertThat(locked.body()).isEqualTo(stranger.body());
    assertThat(locked.header("WWW-Authenticate")).isEqualTo(stranger.header("WWW-Authenticate"));
  }

  // ---- helpers -------------------------------------------------------------------------------

  private static void assertRefused(RawAnswer answer, int status, String code) {
    assertThat(answer.status()).as(answer.toString()).isEqualTo(status);
    assertThat(answer.code()).as(answer.body()).isEqualTo(code);
    assertProblemWithHeaders(answer);
  }

  private static void assertProblemWithHeaders(RawAnswer answer) {
    assertThat(answer.headers().get("content-type"))
        .as(answer.toString())
        .startsWith("application/problem+json");
    assertThat(answer.headers())
        .containsEntry("x-content-type-options", "nosniff")
        .containsEntry("x-frame-options", "DENY");
    assertThat(answer.headers().get("cache-control")).contains("no-store");
    assertThat(answer.headers().get("content-security-policy")).contains("frame-ancestors 'none'");
    assertThat(answer.headers().get("strict-transport-security")).contains("max-age=");
  }

  private static Map<String, String> violations(RawAnswer answer) {
    Map<String, String> byPath = new LinkedHashMap<>();
    answer
        .json()
        .get("violations")
        .forEach(v -> byPath.put(v.get("path").asString(), v.get("code").asString()));
    return byPath;
  }

  private String bearer(Role role) {
    return "Authorization: Bearer " + gateway.tokens.token(OWN, role);
  }

  private static String notice() {
    return TestGateway.notice(OWN, PEER, UUID.randomUUID(), null);
  }

  private RawAnswer publish(String body) {
    return publishBytes(body.getBytes(StandardCharsets.UTF_8));
  }

  private RawAnswer publishBytes(byte[] body) {
    return send(
        "POST",
        "/api/v1/notices",
        List.of(
            bearer(Role.PUBLISHER),
            "Idempotency-Key: " + UUID.randomUUID(),
            "Content-Type: application/json"),
        body);
  }

  /**
   * Sends one request as it is written: each header line's characters as single bytes (ISO-8859-1),
   * so that U+0085 goes out as the byte 0x85.
   */
  private RawAnswer send(String method, String target, List<String> headers, byte[] body) {
    try (Socket socket =
        gateway.tls(null).getSocketFactory().createSocket("127.0.0.1", gateway.port())) {
      ((SSLSocket) socket).startHandshake();
      socket.setSoTimeout((int) Duration.ofSeconds(60).toMillis());
      StringBuilder head = new StringBuilder();
      head.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
      head.append("Host: 127.0.0.1:").append(gateway.port()).append("\r\n");
      head.append("Connection: close\r\n");
      headers.forEach(h -> head.append(h).append("\r\n"));
      if (body != null) {
        head.append("Content-Length: ").append(body.length).append("\r\n");
      }
      head.append("\r\n");
      OutputStream out = socket.getOutputStream();
      out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
      if (body != null) {
        out.write(body);
      }
      out.flush();
      return read(socket.getInputStream());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static RawAnswer read(InputStream in) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    try {
      in.transferTo(all);
    } catch (javax.net.ssl.SSLException | java.net.SocketException closed) {
      // The server may close without a TLS close_notify once it has answered.
    }
    String text = all.toString(StandardCharsets.ISO_8859_1);
    int end = text.indexOf("\r\n\r\n");
    String[] lines = text.substring(0, end).split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers.put(
          lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
          lines[i].substring(colon + 1).trim());
    }
    String body = text.substring(end + 4);
    if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      body = unchunk(body);
    }
    return new RawAnswer(
        status,
        headers,
        new String(body.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
  }

  private static String unchunk(String chunked) {
    StringBuilder out = new StringBuilder();
    int at = 0;
    while (true) {
      int lineEnd = chunked.indexOf("\r\n", at);
      int size = Integer.parseInt(chunked.substring(at, lineEnd).split(";")[0].trim(), 16);
      if (size == 0) {
        return out.toString();
      }
      out.append(chunked, lineEnd + 2, lineEnd + 2 + size);
      at = lineEnd + 2 + size + 2;
    }
  }
}
