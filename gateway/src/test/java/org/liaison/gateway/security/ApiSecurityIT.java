package org.liaison.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.liaison.gateway.security.TestGateway.OTHER;
import static org.liaison.gateway.security.TestGateway.OWN;
import static org.liaison.gateway.security.TestGateway.PEER;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.liaison.gateway.api.Role;
import org.liaison.gateway.security.TestGateway.Answer;
import org.liaison.gateway.security.TestGateway.Session;
import org.liaison.gateway.security.TestGateway.TestAccount;
import org.liaison.gateway.store.QuarantineStore;
import org.liaison.gateway.store.QuarantinedRecord;
import org.liaison.gateway.store.RecordCoordinates;
import org.liaison.gateway.testing.TestTokens;
import org.liaison.schemas.UnitId;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The API's security over HTTPS, on a production-mode gateway with every way in: the authorization
 * matrix over the application's own endpoints, and the cases of each way in, the limits, the
 * headers and the trail.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(OutputCaptureExtension.class)
class ApiSecurityIT {

  enum Way {
    CLIENT_CERTIFICATE,
    BEARER_TOKEN,
    LOGIN_SESSION
  }

  /** Who may call an endpoint, and what the own and the other unit then get. */
  record Rule(Set<Role> roles, int own, int other) {
    static Rule open() {
      return new Rule(null, 0, 0);
    }

    boolean isOpen() {
      return roles == null;
    }
  }

  /** The expected rules, written independently of the application's: a new endpoint fails. */
  static final Map<String, Rule> RULES = new LinkedHashMap<>();

  static {
    RULES.put("POST /api/v1/notices", new Rule(Set.of(Role.PUBLISHER), 202, 202));
    RULES.put("GET /api/v1/notices/{id}", new Rule(Set.of(Role.PUBLISHER, Role.OFFICER), 200, 404));
    RULES.put(
        "GET /api/v1/threads/{threadId}", new Rule(Set.of(Role.PUBLISHER, Role.OFFICER), 200, 404));
    RULES.put("GET /api/v1/inbox", new Rule(Set.of(Role.OFFICER), 200, 200));
    RULES.put("GET /api/v1/inbox/{id}", new Rule(Set.of(Role.OFFICER), 200, 404));
    RULES.put("GET /api/v1/inbox/events", new Rule(Set.of(Role.OFFICER), 200, 200));
    RULES.put("POST /api/v1/inbox/{id}/read", new Rule(Set.of(Role.OFFICER), 204, 404));
    RULES.put("GET /api/v1/quarantine", new Rule(Set.of(Role.ADMIN), 200, 200));
    RULES.put("GET /api/v1/quarantine/{id}/raw", new Rule(Set.of(Role.ADMIN), 200, 404));
    RULES.put(
        "GET /api/v1/audit/security-events",
        new Rule(Set.of(Role.AUDITOR, Role.GATEWAY_AUDITOR), 200, 200));
    // Not the gateway's own: the OpenAPI document (open by decision).
    RULES.put("GET /v3/api-docs", Rule.open());
    RULES.put("GET /v3/api-docs.yaml", Rule.open());
    RULES.put("GET /login", Rule.open());
  }

  Path folder;
  TestGateway gateway;
  UUID sentByOwn;
  UUID threadOfOwn;
  UUID inOwnInbox;
  long quarantinedForOwn;

  @BeforeAll
  void start(@TempDir Path folder) throws Exception {
    this.folder = folder;
    gateway = new TestGateway(folder);
    threadOfOwn = UUID.randomUUID();
    sentByOwn = gateway.publish(OWN, PEER, threadOfOwn);
    inOwnInbox = gateway.delivered(OWN);
    QuarantineStore quarantine = gateway.bean(QuarantineStore.class);
    quarantine.add(
        new QuarantinedRecord(
            null,
            OWN.value(),
            "MALFORMED_CMS",
            "a test record",
            null,
            null,
            new RecordCoordinates("test-topic", 0, 1),
            new byte[] {1, 2, 3},
            Instant.now()));
    quarantinedForOwn = quarantine.list(List.of(OWN.value()), 0, 1).get(0).id();
  }

  @AfterAll
  void stop() {
    if (gateway != null) {
      gateway.close();
    }
  }

  // ---- the matrix ----------------------------------------------------------------------------

  /**
   * The web pages' rules (a login session only): the answer for each role that may open the page,
   * 403 (the refusal page) for the others, and a redirect to the sign-in page without a session.
   * {@code 0} marks a page open to everyone.
   */
  static final Map<String, Map<Role, Integer>> WEB_RULES = new LinkedHashMap<>();

  static {
    WEB_RULES.put("GET /web/login", Map.of());
    WEB_RULES.put("ANY /web/denied", Map.of());
    WEB_RULES.put("GET /web/inbox", Map.of(Role.OFFICER, 200));
    WEB_RULES.put("GET /web/notices/{id}", Map.of(Role.OFFICER, 200));
    WEB_RULES.put("GET /web/notices/{id}/reply", Map.of(Role.OFFICER, 200));
    // The notice the matrix reads has no attachment: the officer passes the rule and is told so.
    WEB_RULES.put("GET /web/notices/{id}/attachments/{index}", Map.of(Role.OFFICER, 404));
    WEB_RULES.put("GET /web/compose", Map.of(Role.PUBLISHER, 200));
    // An officer without PUBLISHER may send only a reply (REPLY_ONLY, as in the API).
    WEB_RULES.put("POST /web/compose", Map.of(Role.PUBLISHER, 200, Role.OFFICER, 403));
    WEB_RULES.put("GET /web/sent/states", Map.of(Role.PUBLISHER, 200, Role.OFFICER, 200));
    WEB_RULES.put("GET /web/audit", Map.of(Role.AUDITOR, 200, Role.GATEWAY_AUDITOR, 200));
    WEB_RULES.put("POST /web/notices/{id}/read", Map.of(Role.OFFICER, 302));
    WEB_RULES.put("GET /web/sent", Map.of(Role.PUBLISHER, 200, Role.OFFICER, 200));
    WEB_RULES.put("GET /web/admin/quarantine", Map.of(Role.ADMIN, 200));
    WEB_RULES.put("GET /web/admin/units", Map.of(Role.ADMIN, 200));
    WEB_RULES.put(
        "GET /web",
        Map.of(
            Role.PUBLISHER, 302,
            Role.OFFICER, 302,
            Role.ADMIN, 302,
            Role.AUDITOR, 302,
            Role.GATEWAY_AUDITOR, 302));
    var anyone = new java.util.EnumMap<Role, Integer>(Role.class);
    for (Role r : Role.values()) {
      anyone.put(r, 302);
    }
    WEB_RULES.put("POST /web/unit", anyone);
  }

  @Test
  void everyWebPageHasARule() {
    assertThat(WEB_RULES.keySet())
        .containsExactlyInAnyOrderElementsOf(
            endpointsAndPages().stream().filter(e -> e.contains(" /web")).toList());
  }

  Stream<Arguments> webMatrix() {
    List<Arguments> cases = new ArrayList<>();
    WEB_RULES.forEach(
        (page, rule) -> {
          if (rule.isEmpty()) {
            return;
          }
          cases.add(Arguments.of(page, null));
          for (Role role : Role.values()) {
            cases.add(Arguments.of(page, role));
          }
        });
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("webMatrix")
  void webMatrix(String page, Role role) {
    String method = page.substring(0, page.indexOf(' '));
    String path =
        page.substring(page.indexOf(' ') + 1)
            .replace(
                "{id}", (page.endsWith("/read") ? gateway.delivered(OWN) : inOwnInbox).toString())
            .replace("{index}", "0");
    HttpRequest.Builder request = gateway.request(path);
    if (method.equals("POST")) {
      request
          .header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString("unit=" + OWN.value()));
    } else {
      request.GET();
    }
    if (role != null) {
      Session session = gateway.session(gateway.account(role, OWN));
      request.header("Cookie", session.cookie());
      if (method.equals("POST")) {
        request.header(session.csrfHeader(), session.csrfToken());
      }
    }

    Answer answer = gateway.send(request.build());

    // Without a session a form has no CSRF token to send: refused before anything else.
    int expected =
        role == null
            ? (method.equals("POST") ? 403 : 302)
            : WEB_RULES.get(page).getOrDefault(role, 403);
    assertThat(answer.status()).as(answer.body()).isEqualTo(expected);
    if (role == null && method.equals("POST")) {
      assertThat(answer.body()).contains("CSRF_TOKEN_INVALID");
    } else if (role == null) {
      assertThat(answer.header("Location"))
          .hasValueSatisfying(l -> assertThat(l).endsWith("/web/login"));
    } else if (expected == 403) {
      assertThat(answer.body())
          .contains(
              page.equals("POST /web/compose") && WEB_RULES.get(page).containsKey(role)
                  ? "REPLY_ONLY"
                  : "ACCESS_DENIED");
    }
  }

  /**
   * One rate-limit budget and one client-certificate check per gateway: the web pages' chain and
   * the API's hold the same filter instances, so a second door gives no second allowance.
   */
  @Test
  void theWebPagesAndTheApiShareTheirRateLimitAndCertificateCheck() {
    EdgeFilters edge = gateway.bean(EdgeFilters.class);
    List<SecurityFilterChain> chains =
        List.copyOf(gateway.beansOf(SecurityFilterChain.class).values());
    assertThat(chains).hasSize(2);
    for (SecurityFilterChain chain : chains) {
      assertThat(chain.getFilters())
          .filteredOn(f -> f instanceof RateLimitFilter || f instanceof ClientCertificateFilter)
          .containsExactlyInAnyOrder(edge.rateLimit(), edge.certificates());
    }
  }

  @Test
  void aWebFormWithoutItsCsrfTokenIsRefused() {
    Session session = gateway.session(gateway.account(Role.OFFICER, OWN));
    Answer answer =
        gateway.send(
            gateway
                .request("/web/notices/" + gateway.delivered(OWN) + "/read")
                .header("Cookie", session.cookie())
                .POST(HttpRequest.BodyPublishers.noBody())
                .build());
    assertThat(answer.status()).isEqualTo(403);
    assertThat(answer.body()).contains("CSRF_TOKEN_INVALID");
  }

  /** The application's endpoints, as Spring MVC maps them: "METHOD pattern"; not the web pages. */
  Set<String> endpoints() {
    Set<String> endpoints = new TreeSet<>(endpointsAndPages());
    endpoints.removeIf(e -> e.contains(" /web"));
    return endpoints;
  }

  /** Every mapping of the application, web pages included. */
  Set<String> endpointsAndPages() {
    RequestMappingHandlerMapping mappings =
        gateway.bean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class);
    Set<String> endpoints = new TreeSet<>();
    for (Map.Entry<RequestMappingInfo, HandlerMethod> m : mappings.getHandlerMethods().entrySet()) {
      var methods = m.getKey().getMethodsCondition().getMethods();
      for (String path : m.getKey().getPatternValues()) {
        if (methods.isEmpty()) {
          endpoints.add("ANY " + path);
        }
        methods.forEach(method -> endpoints.add(method.name() + " " + path));
      }
    }
    return endpoints;
  }

  @Test
  void everyEndpointOfTheApplicationHasARuleInTheMatrix() {
    assertThat(RULES.keySet()).containsExactlyInAnyOrderElementsOf(endpoints());
  }

  Stream<Arguments> matrix() {
    List<Arguments> cases = new ArrayList<>();
    for (String endpoint : endpoints()) {
      Rule rule = RULES.get(endpoint);
      if (rule == null || rule.isOpen()) {
        continue; // the test above fails for an endpoint without a rule
      }
      cases.add(Arguments.of(endpoint, null, null, null));
      for (Way way : Way.values()) {
        for (Role role : Role.values()) {
          for (UnitId unit : List.of(OWN, OTHER)) {
            cases.add(Arguments.of(endpoint, way, role, unit));
          }
        }
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} {1} {2} {3}")
  @MethodSource("matrix")
  void matrix(String endpoint, Way way, Role role, UnitId unit) {
    Rule rule = RULES.get(endpoint);
    int expected;
    if (way == null) {
      expected = 401;
    } else if (!rule.roles().contains(role)
        && !(endpoint.equals("POST /api/v1/notices") && role == Role.OFFICER)) {
      expected = 403;
    } else if (endpoint.equals("POST /api/v1/notices") && role == Role.OFFICER) {
      expected = 403; // past the endpoint rule, refused by the controller: not a reply
    } else {
      expected = unit.equals(OWN) ? rule.own() : rule.other();
    }
    String method = endpoint.substring(0, endpoint.indexOf(' '));
    String path = path(endpoint.substring(endpoint.indexOf(' ') + 1), unit, expected);
    String body =
        method.equals("POST") && path.equals("/api/v1/notices")
            ? TestGateway.notice(unit == null ? OWN : unit, PEER, UUID.randomUUID(), null)
            : null;

    Answer answer =
        call(way, role == null ? null : gateway.account(role, unit), method, path, body);

    assertThat(answer.status()).as(answer.body()).isEqualTo(expected);
    if (expected >= 400) {
      assertThat(answer.header("Content-Type"))
          .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    }
    if (expected == 403 && endpoint.equals("POST /api/v1/notices") && role == Role.OFFICER) {
      assertThat(answer.code()).isEqualTo("REPLY_ONLY");
    }
  }

  /** The path of the own unit's resource, fresh for a request that would use it up. */
  private String path(String pattern, UnitId unit, int expected) {
    UUID inbox = pattern.endsWith("/read") && expected == 204 ? gateway.delivered(OWN) : inOwnInbox;
    return pattern
        .replace("/notices/{id}", "/notices/" + sentByOwn)
        .replace("{threadId}", threadOfOwn.toString())
        .replace("/inbox/{id}", "/inbox/" + inbox)
        .replace("/quarantine/{id}", "/quarantine/" + quarantinedForOwn);
  }

  Answer call(Way way, TestAccount account, String method, String path, String body) {
    HttpRequest.Builder request = TestGateway.withBody(gateway.request(path), method, body);
    if (way == null) {
      return gateway.send(request.build());
    }
    return switch (way) {
      case CLIENT_CERTIFICATE -> gateway.send(request.build(), account.tls());
      case BEARER_TOKEN ->
          gateway.send(
              request
                  .header(
                      "Authorization",
                      "Bearer "
                          + gateway
                              .tokens
                              .issuer()
                              .issue(
                                  account.name(),
                                  List.of(account.unit()),
                                  List.of(account.role()),
                                  Duration.ofMinutes(10)))
                  .build());
      case LOGIN_SESSION -> {
        Session session = gateway.session(account);
        request.header("Cookie", session.cookie());
        if (!method.equals("GET")) {
          request.header(session.csrfHeader(), session.csrfToken());
        }
        yield gateway.send(request.build());
      }
    };
  }

  @Test
  void httpsOffersTls12And13OnlyAndAsksForAClientCertificate() {
    var tomcat =
        ((org.springframework.boot.tomcat.TomcatWebServer) gateway.webServer()).getTomcat();
    var host = tomcat.getService().findConnectors()[0].findSslHostConfigs()[0];

    assertThat(host.getProtocols()).containsExactlyInAnyOrder("TLSv1.2", "TLSv1.3");
    assertThat(host.getCertificateVerification().name()).isEqualTo("OPTIONAL");
    assertThat(host.getTrustManagerClassName()).isEqualTo(AcceptClientCertificates.class.getName());
  }

  @Test
  void openEndpointsAnswerWithoutCredentials() {
    assertThat(gateway.send(gateway.request("/v3/api-docs").GET().build()).status()).isEqualTo(200);
    Answer health = gateway.send(gateway.request("/actuator/health").GET().build());
    assertThat(health.status()).isEqualTo(200);
    assertThat(health.body()).doesNotContain("components");
  }

  @Test
  void actuatorEndpointsOtherThanHealthAreForAdministrators() {
    String metrics = "/actuator/metrics";
    assertThat(
            call(Way.BEARER_TOKEN, gateway.account(Role.ADMIN, OWN), "GET", metrics, null).status())
        .isEqualTo(200);
    assertThat(
            call(Way.BEARER_TOKEN, gateway.account(Role.PUBLISHER, OWN), "GET", metrics, null)
                .status())
        .isEqualTo(403);
    assertThat(gateway.send(gateway.request(metrics).GET().build()).status()).isEqualTo(401);
  }

  @Test
  void anOfficerMayReplyToANoticeTheUnitReceived() {
    TestAccount officer = gateway.account(Role.OFFICER, OWN);
    String reply = TestGateway.notice(OWN, PEER, null, inOwnInbox);
    String unrelated = TestGateway.notice(OWN, PEER, null, sentByOwn);

    assertThat(call(Way.BEARER_TOKEN, officer, "POST", "/api/v1/notices", reply).status())
        .isEqualTo(202);
    Answer refused = call(Way.BEARER_TOKEN, officer, "POST", "/api/v1/notices", unrelated);
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.code()).isEqualTo("REPLY_ONLY");
  }

  @Test
  void theUnitHeaderOnlyChoosesAmongTheAccountsOwnUnits() {
    String both =
        gateway
            .tokens
            .issuer()
            .issue("two-units", List.of(OWN, OTHER), List.of(Role.OFFICER), Duration.ofMinutes(5));
    Function<String, Answer> asUnit =
        unit -> {
          var request = gateway.request("/api/v1/inbox").header("Authorization", "Bearer " + both);
          if (unit != null) {
            request.header("Liaison-Unit", unit);
          }
          return gateway.send(request.GET().build());
        };

    assertThat(asUnit.apply(OTHER.value()).status()).isEqualTo(200);
    assertThat(asUnit.apply(null).code()).isEqualTo("UNIT_REQUIRED");
    Answer notTheirs = asUnit.apply(PEER.value());
    assertThat(notTheirs.status()).isEqualTo(403);
    assertThat(notTheirs.code()).isEqualTo("UNIT_NOT_YOURS");
  }

  // ---- client certificates -------------------------------------------------------------------

  static Stream<Arguments> refusedCertificates() {
    return Stream.of(
            "CLIENT_CERT_EXPIRED",
            "CLIENT_CERT_REVOKED",
            "CLIENT_CERT_UNTRUSTED",
            "CLIENT_CERT_UNKNOWN",
            "CLIENT_CERT_WRONG_USAGE")
        .map(Arguments::of);
  }

  @Test
  void aValidClientCertificateOfAnAccountIsLetIn() {
    Answer answer =
        gateway.send(
            gateway.request("/api/v1/threads/" + threadOfOwn).GET().build(),
            gateway.account(Role.PUBLISHER, OWN).tls());

    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
  }

  @ParameterizedTest
  @MethodSource("refusedCertificates")
  void aClientCertificateIsRefusedWithItsReason(String code) {
    Answer answer =
        gateway.send(
            gateway.request("/api/v1/threads/" + threadOfOwn).GET().build(),
            gateway.refusedCertificates.get(code));

    assertThat(answer.status()).as(answer.body()).isEqualTo(401);
    assertThat(answer.code()).isEqualTo(code);
    assertThat(answer.header("Content-Type")).hasValue("application/problem+json");
  }

  @Test
  void aRefusedCertificateIsNotRescuedByAValidToken() {
    Answer answer =
        gateway.send(
            gateway
                .request("/api/v1/threads/" + threadOfOwn)
                .header("Authorization", "Bearer " + gateway.tokens.token(OWN, Role.PUBLISHER))
                .GET()
                .build(),
            gateway.refusedCertificates.get("CLIENT_CERT_REVOKED"));

    assertThat(answer.code()).isEqualTo("CLIENT_CERT_REVOKED");
  }

  // ---- bearer tokens -------------------------------------------------------------------------

  Stream<Arguments> tokens() {
    TestTokens stranger = TestTokens.create(folder.resolve("stranger-idp"));
    Instant now = Instant.now();
    Function<JWTClaimsSet.Builder, JWTClaimsSet.Builder> valid =
        b ->
            b.issuer(TestTokens.ISSUER)
                .audience("liaison-gateway")
                .subject("token-case")
                .expirationTime(Date.from(now.plusSeconds(600)))
                .claim("liaison_units", List.of(OWN.value()))
                .claim("liaison_roles", List.of("PUBLISHER"));
    return Stream.of(
        Arguments.of(
            "valid",
            gateway.tokens.issuer().sign(valid.apply(new JWTClaimsSet.Builder()).build()),
            null),
        Arguments.of(
            "expired",
            gateway
                .tokens
                .issuer()
                .sign(
                    valid
                        .apply(new JWTClaimsSet.Builder())
                        .expirationTime(Date.from(now.minusSeconds(3600)))
                        .build()),
            "TOKEN_EXPIRED"),
        Arguments.of(
            "wrong issuer",
            gateway
                .tokens
                .issuer()
                .sign(
                    valid.apply(new JWTClaimsSet.Builder()).issuer("https://evil.invalid").build()),
            "TOKEN_WRONG_ISSUER"),
        Arguments.of(
            "wrong audience",
            gateway
                .tokens
                .issuer()
                .sign(valid.apply(new JWTClaimsSet.Builder()).audience("another-service").build()),
            "TOKEN_WRONG_AUDIENCE"),
        Arguments.of(
            "bad signature",
            stranger.issuer().sign(valid.apply(new JWTClaimsSet.Builder()).build()),
            "TOKEN_BAD_SIGNATURE"),
        Arguments.of(
            "alg none",
            new PlainJWT(valid.apply(new JWTClaimsSet.Builder()).build()).serialize(),
            "TOKEN_UNSIGNED"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("tokens")
  void bearerTokens(String name, String token, String code) {
    Answer answer = gateway.withToken(token, "GET", "/api/v1/threads/" + threadOfOwn, null);

    if (code == null) {
      assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    } else {
      assertThat(answer.status()).as(answer.body()).isEqualTo(401);
      assertThat(answer.code()).isEqualTo(code);
      assertThat(answer.header("Content-Type")).hasValue("application/problem+json");
    }
  }

  // ---- login ---------------------------------------------------------------------------------

  @Test
  void loginNeedsTheCsrfTokenOfTheLoginPage() {
    TestAccount officer = gateway.account(Role.OFFICER, OWN);

    Answer without = gateway.loginAttempt(officer.name(), officer.password(), false);

    assertThat(without.status()).isEqualTo(403);
    assertThat(without.code()).isEqualTo("CSRF_TOKEN_INVALID");
  }

  @Test
  void theSessionCookieIsSecureHttpOnlyAndSameSite() {
    TestAccount officer = gateway.account(Role.OFFICER, OTHER);

    Answer answer = gateway.loginAttempt(officer.name(), officer.password(), true);

    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    String cookie =
        answer.response().headers().allValues("Set-Cookie").stream()
            .filter(c -> c.startsWith("LIAISON_SESSION="))
            .findFirst()
            .orElseThrow();
    assertThat(cookie.toLowerCase(Locale.ROOT))
        .contains("; secure", "; httponly", "samesite=strict");
  }

  @Test
  void aSessionsStateChangingRequestNeedsTheCsrfToken() {
    Session session = gateway.session(gateway.account(Role.OFFICER, OWN));
    UUID id = gateway.delivered(OWN);
    HttpRequest.Builder request =
        gateway
            .request("/api/v1/inbox/" + id + "/read")
            .header("Cookie", session.cookie())
            .POST(HttpRequest.BodyPublishers.noBody());

    Answer without = gateway.send(request.build());
    Answer with = gateway.send(request.header(session.csrfHeader(), session.csrfToken()).build());

    assertThat(without.status()).isEqualTo(403);
    assertThat(without.code()).isEqualTo("CSRF_TOKEN_INVALID");
    assertThat(with.status()).isEqualTo(204);
  }

  @Test
  void repeatedFailuresLockTheAccountOutEvenForTheRightPassword() {
    List<String> codes = new ArrayList<>();
    for (int i = 0; i < TestGateway.MAX_FAILURES; i++) {
      codes.add(gateway.loginAttempt(TestGateway.LOCKED_ACCOUNT, "wrong " + i, true).code());
    }
    Answer right = gateway.loginAttempt(TestGateway.LOCKED_ACCOUNT, "the right password", true);

    assertThat(codes).containsOnly("LOGIN_FAILED");
    assertThat(right.status()).isEqualTo(401);
    assertThat(right.code()).isEqualTo("LOGIN_FAILED");
    assertThat(trailCodes(TestGateway.LOCKED_ACCOUNT)).contains("ACCOUNT_LOCKED");
  }

  /** The codes the trail holds for {@code account}'s refusals, read by an auditor. */
  private List<String> trailCodes(String account) {
    Answer trail =
        call(
            Way.BEARER_TOKEN,
            gateway.account(Role.AUDITOR, OWN),
            "GET",
            "/api/v1/audit/security-events?size=200",
            null);
    List<String> codes = new ArrayList<>();
    trail
        .json()
        .get("items")
        .forEach(
            e -> {
              if (account.equals(e.path("account").asString(null))) {
                codes.add(e.get("code").asString());
              }
            });
    return codes;
  }

  // ---- limits, headers, trail ----------------------------------------------------------------

  @Test
  void aBodyOverTheLimitIs413WhetherDeclaredOrStreamed() {
    String token = gateway.tokens.token(OWN, Role.PUBLISHER);
    byte[] big = new byte[TestGateway.MAX_BODY + 1];
    Arrays.fill(big, (byte) ' ');
    big[0] = '{';
    big[big.length - 1] = '}';

    Answer declared =
        gateway.send(
            gateway
                .request("/api/v1/notices")
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(big))
                .build());
    Answer streamed =
        gateway.send(
            gateway
                .request("/api/v1/notices")
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)))
                .build());

    for (Answer answer : List.of(declared, streamed)) {
      assertThat(answer.status()).as(answer.body()).isEqualTo(413);
      assertThat(answer.code()).isEqualTo("REQUEST_TOO_LARGE");
      assertThat(answer.body()).doesNotContain("Exception", "at org.");
    }
  }

  @Test
  void anAccountOverItsRateIsAnswered429WithRetryAfter() {
    String token =
        gateway
            .tokens
            .issuer()
            .issue("rate-test", List.of(OWN), List.of(Role.PUBLISHER), Duration.ofMinutes(5));
    Answer last = null;
    for (int i = 0; i < TestGateway.BURST + 20; i++) {
      last = gateway.withToken(token, "GET", "/api/v1/threads/" + threadOfOwn, null);
      if (last.status() == 429) {
        break;
      }
    }

    assertThat(last.status()).isEqualTo(429);
    assertThat(last.code()).isEqualTo("RATE_LIMITED");
    assertThat(last.header("Retry-After"))
        .hasValueSatisfying(s -> assertThat(Long.parseLong(s)).isPositive());
    // Another account is not slowed down by this one.
    assertThat(
            gateway
                .withToken(
                    gateway.tokens.token(OWN, Role.PUBLISHER),
                    "GET",
                    "/api/v1/threads/" + threadOfOwn,
                    null)
                .status())
        .isEqualTo(200);
  }

  @Test
  void answersCarryTheSecurityHeaders() {
    Answer answer =
        gateway.withToken(gateway.tokens.token(OWN, Role.OFFICER), "GET", "/api/v1/inbox", null);

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.header("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(answer.header("X-Frame-Options")).hasValue("DENY");
    assertThat(answer.header("Cache-Control"))
        .hasValueSatisfying(v -> assertThat(v).contains("no-store"));
    assertThat(answer.header("Content-Security-Policy"))
        .hasValueSatisfying(v -> assertThat(v).contains("frame-ancestors 'none'"));
    assertThat(answer.header("Strict-Transport-Security"))
        .hasValueSatisfying(v -> assertThat(v).contains("max-age="));
  }

  @Test
  void failuresAndDenialsAreInTheTrailWithoutSecrets(CapturedOutput output) {
    String expiredPath = "/api/v1/notices/" + UUID.randomUUID();
    String expired =
        gateway
            .tokens
            .issuer()
            .sign(
                new JWTClaimsSet.Builder()
                    .issuer(TestTokens.ISSUER)
                    .audience("liaison-gateway")
                    .subject("trail-expired")
                    .expirationTime(Date.from(Instant.now().minusSeconds(3600)))
                    .claim("liaison_units", List.of(OWN.value()))
                    .claim("liaison_roles", List.of("PUBLISHER"))
                    .build());
    String admin =
        gateway
            .tokens
            .issuer()
            .issue("trail-publisher", List.of(OWN), List.of(Role.PUBLISHER), Duration.ofMinutes(5));
    String wrongPassword = "not-the-password-" + UUID.randomUUID();
    gateway.withToken(expired, "GET", expiredPath, null);
    gateway.withToken(admin, "GET", "/api/v1/quarantine", null);
    gateway.loginAttempt(gateway.account(Role.ADMIN, OTHER).name(), wrongPassword, true);

    Answer trail = trail(gateway.account(Role.GATEWAY_AUDITOR, OWN), null);

    assertThat(trail.status()).isEqualTo(200);
    assertThat(trail.json().get("scope").asString()).isEqualTo("GATEWAY");
    assertThat(rows(trail))
        .contains(
            "AUTHENTICATION_FAILED TOKEN_EXPIRED - [] " + expiredPath,
            "ACCESS_DENIED ACCESS_DENIED trail-publisher [NL.NCB] /api/v1/quarantine",
            "AUTHENTICATION_FAILED LOGIN_FAILED admin-other [TH.CIB] /login");
    assertThat(trail.body()).doesNotContain(expired, admin, wrongPassword);
    assertThat(output.getAll())
        .contains("code=ACCESS_DENIED account=trail-publisher units=[NL.NCB]")
        .doesNotContain(expired)
        .doesNotContain(admin)
        .doesNotContain(wrongPassword);
  }

  /**
   * Issue 12, point 5: on a gateway hosting several units, an auditor lists the events of the unit
   * it acts for and no other unit's; the gateway auditor lists them all, and the gateway-wide
   * events (no known account) too. A refusal of one unit's account that asked to act for another
   * hosted unit concerns both.
   */
  @Test
  void anAuditorListsItsOwnUnitsEventsOnlyAndTheGatewayAuditorEveryEvent() {
    String run = UUID.randomUUID().toString().substring(0, 8);
    String ownCaller = "own-caller-" + run;
    String otherCaller = "other-caller-" + run;
    String forged = "/api/v1/notices/" + UUID.randomUUID();
    String elsewhere = "/api/v1/threads/" + UUID.randomUUID();
    Answer ownDenied =
        gateway.withToken(token(ownCaller, OWN, Role.PUBLISHER), "GET", "/api/v1/quarantine", null);
    Answer otherDenied =
        gateway.withToken(
            token(otherCaller, OTHER, Role.PUBLISHER), "GET", "/api/v1/quarantine", null);
    Answer otherIntoOwn =
        gateway.send(
            gateway
                .request("/api/v1/inbox")
                .header("Authorization", "Bearer " + token(otherCaller, OTHER, Role.OFFICER))
                .header("Liaison-Unit", OWN.value())
                .GET()
                .build());
    Answer otherIntoElsewhere =
        gateway.send(
            gateway
                .request(elsewhere)
                .header("Authorization", "Bearer " + token(otherCaller, OTHER, Role.OFFICER))
                .header("Liaison-Unit", "SE.NOA")
                .GET()
                .build());
    Answer wrongPassword =
        gateway.loginAttempt(gateway.account(Role.OFFICER, OTHER).name(), "wrong " + run, true);
    Answer badToken = gateway.withToken("not-a-token-" + run, "GET", forged, null);
    assertThat(List.of(ownDenied, otherDenied, otherIntoOwn, otherIntoElsewhere))
        .extracting(Answer::status)
        .containsOnly(403);
    assertThat(otherIntoOwn.code()).isEqualTo("UNIT_NOT_YOURS");
    assertThat(List.of(wrongPassword, badToken)).extracting(Answer::status).containsOnly(401);

    Answer own = trail(gateway.account(Role.AUDITOR, OWN), null);
    Answer other = trail(gateway.account(Role.AUDITOR, OTHER), null);
    Answer whole = trail(gateway.account(Role.GATEWAY_AUDITOR, OTHER), null);

    String ownRow = "ACCESS_DENIED ACCESS_DENIED " + ownCaller + " [NL.NCB] /api/v1/quarantine";
    String otherRow = "ACCESS_DENIED ACCESS_DENIED " + otherCaller + " [TH.CIB] /api/v1/quarantine";
    String intoOwnRow =
        "ACCESS_DENIED UNIT_NOT_YOURS " + otherCaller + " [NL.NCB, TH.CIB] /api/v1/inbox";
    // SE.NOA is not hosted here: it tags nothing, there is no auditor of it here to tell.
    String intoElsewhereRow =
        "ACCESS_DENIED UNIT_NOT_YOURS " + otherCaller + " [TH.CIB] " + elsewhere;
    String loginRow = "AUTHENTICATION_FAILED LOGIN_FAILED officer-other [TH.CIB] /login";
    String forgedRow = "AUTHENTICATION_FAILED TOKEN_MALFORMED - [] " + forged;
    assertThat(own.json().get("scope").asString()).isEqualTo("NL.NCB");
    assertThat(rowsOf(own, run, forged)).containsExactlyInAnyOrder(ownRow, intoOwnRow);
    assertThat(other.json().get("scope").asString()).isEqualTo("TH.CIB");
    assertThat(rowsOf(other, run, forged))
        .containsExactlyInAnyOrder(otherRow, intoOwnRow, intoElsewhereRow);
    assertThat(rows(other)).contains(loginRow).allMatch(r -> r.contains("TH.CIB"));
    assertThat(rows(own)).doesNotContain(loginRow).allMatch(r -> r.contains("NL.NCB"));
    assertThat(rowsOf(whole, run, forged))
        .containsExactlyInAnyOrder(ownRow, otherRow, intoOwnRow, intoElsewhereRow, forgedRow);
  }

  @Test
  void anAuditorReadsOnlyTheTrailOfItsOwnUnits() {
    TestAccount ownAuditor = gateway.account(Role.AUDITOR, OWN);
    String both =
        gateway
            .tokens
            .issuer()
            .issue(
                "two-unit-auditor",
                List.of(OWN, OTHER),
                List.of(Role.AUDITOR),
                Duration.ofMinutes(5));

    Answer notTheirs = trail(ownAuditor, OTHER.value());
    Answer noUnit = gateway.withToken(both, "GET", "/api/v1/audit/security-events", null);
    Answer chosen =
        gateway.send(
            gateway
                .request("/api/v1/audit/security-events")
                .header("Authorization", "Bearer " + both)
                .header("Liaison-Unit", OTHER.value())
                .GET()
                .build());

    assertThat(notTheirs.status()).isEqualTo(403);
    assertThat(notTheirs.code()).isEqualTo("UNIT_NOT_YOURS");
    assertThat(noUnit.status()).isEqualTo(400);
    assertThat(noUnit.code()).isEqualTo("UNIT_REQUIRED");
    assertThat(chosen.status()).isEqualTo(200);
    assertThat(chosen.json().get("scope").asString()).isEqualTo("TH.CIB");
    // The attempt itself is in the trail of the unit it was after.
    assertThat(rows(trail(gateway.account(Role.AUDITOR, OTHER), null)))
        .contains(
            "ACCESS_DENIED UNIT_NOT_YOURS "
                + ownAuditor.name()
                + " [NL.NCB, TH.CIB] /api/v1/audit/security-events");
  }

  private String token(String name, UnitId unit, Role role) {
    return gateway.tokens.issuer().issue(name, List.of(unit), List.of(role), Duration.ofMinutes(5));
  }

  /** The newest 200 events of the trail {@code auditor} reads, naming {@code unit} if given. */
  private Answer trail(TestAccount auditor, String unit) {
    var request =
        gateway
            .request("/api/v1/audit/security-events?size=200")
            .header(
                "Authorization",
                "Bearer "
                    + gateway
                        .tokens
                        .issuer()
                        .issue(
                            auditor.name(),
                            List.of(auditor.unit()),
                            List.of(auditor.role()),
                            Duration.ofMinutes(5)));
    if (unit != null) {
      request.header("Liaison-Unit", unit);
    }
    return gateway.send(request.GET().build());
  }

  /** "KIND CODE account [units] path" of each event of a trail page. */
  private static List<String> rows(Answer trail) {
    assertThat(trail.status()).as(trail.body()).isEqualTo(200);
    List<String> rows = new ArrayList<>();
    trail
        .json()
        .get("items")
        .forEach(
            e -> {
              List<String> units = new ArrayList<>();
              e.get("units").forEach(u -> units.add(u.asString()));
              rows.add(
                  e.get("kind").asString()
                      + " "
                      + e.get("code").asString()
                      + " "
                      + e.path("account").asString("-")
                      + " "
                      + units
                      + " "
                      + e.get("path").asString());
            });
    return rows;
  }

  /** The rows of a run: those whose account or path carries one of {@code marks}. */
  private static List<String> rowsOf(Answer trail, String... marks) {
    return rows(trail).stream().filter(r -> Arrays.stream(marks).anyMatch(r::contains)).toList();
  }
}
