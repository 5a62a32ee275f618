package org.liaison.gateway.security;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;
import org.liaison.gateway.LiaisonGatewayApplication;
import org.liaison.gateway.api.Role;
import org.liaison.gateway.dev.EmbeddedKafkaBroker;
import org.liaison.gateway.json.NoticeJsonCodec;
import org.liaison.gateway.store.InboxStore;
import org.liaison.gateway.testing.TestNotices;
import org.liaison.gateway.testing.TestTokens;
import org.liaison.pki.KeyAlgorithm;
import org.liaison.pki.ca.CaPolicy;
import org.liaison.pki.ca.CertificateAuthority;
import org.liaison.pki.ca.CertificateProfile;
import org.liaison.pki.ca.CsrBuilder;
import org.liaison.pki.ca.FederationKit;
import org.liaison.pki.ca.MemoryCaStore;
import org.liaison.pki.ca.RevocationReason;
import org.liaison.pki.ca.SerialSource;
import org.liaison.pki.ca.Validity;
import org.liaison.pki.keys.KeyEntry;
import org.liaison.pki.keys.Pem;
import org.liaison.pki.keys.Pkcs12Store;
import org.liaison.pki.keys.PrivateKeyHandle;
import org.liaison.schemas.UnitId;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A production-mode gateway over HTTPS with every way in configured, made in a folder from a test
 * federation: hosted units NL.NCB (the "own" unit), TH.CIB (the "other" unit) and NL.ATT-BKK (a
 * correspondent), and for each role and each of the two units an account that can log in with a
 * password, present a client certificate, or send a bearer token. Also the refused certificates of
 * the client-certificate cases.
 */
final class TestGateway implements AutoCloseable {

  static final UnitId OWN = UnitId.of("NL.NCB");
  static final UnitId OTHER = UnitId.of("TH.CIB");
  static final UnitId PEER = UnitId.of("NL.ATT-BKK");
  static final String LOCKED_ACCOUNT = "locked-out";
  static final String LOCKED_TOO = "locked-out-too";
  static final int MAX_BODY = 64 * 1024;
  static final int MAX_FAILURES = 3;
  static final int BURST = 60;

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final NoticeJsonCodec CODEC =
      new NoticeJsonCodec(org.liaison.schemas.codec.AvroCodec.caseNotices());
  private static final char[] STORE_PASSWORD = "store-password".toCharArray();

  /** An HTTP answer. */
  record Answer(int status, HttpResponse<String> response) {
    String body() {
      return response.body();
    }

    JsonNode json() {
      return JSON.readTree(response.body());
    }

    String code() {
      return json().path("code").asString();
    }

    Optional<String> header(String name) {
      return response.headers().firstValue(name);
    }
  }

  /** One account of the matrix: a role and a unit (own or other). */
  record TestAccount(String name, UnitId unit, Role role, String password, PrivateKeyHandle tls) {}

  /** A login session: its cookie and its CSRF token. */
  record Session(String cookie, String csrfHeader, String csrfToken) {}

  final FederationKit kit;
  final TestTokens tokens;
  final Map<String, TestAccount> accounts = new LinkedHashMap<>();
  final Map<String, PrivateKeyHandle> refusedCertificates = new LinkedHashMap<>();
  private final EmbeddedKafkaBroker broker;
  private final ConfigurableApplicationContext context;
  private final int port;
  private final Map<Object, HttpClient> clients = new ConcurrentHashMap<>();
  private final Map<String, Session> sessions = new ConcurrentHashMap<>();
  private volatile String lastPage;

  TestGateway(Path folder) throws Exception {
    List<UnitId> units = new ArrayList<>(List.of(OWN, OTHER, PEER));
    for (Role role : Role.values()) {
      for (UnitId unit : List.of(OWN, OTHER)) {
        units.add(systemUnit(role, unit));
      }
    }
    kit = FederationKit.create(KeyAlgorithm.EC_P256, units);
    tokens = TestTokens.create(folder.resolve("idp"));
    Instant now = Instant.now();
    UnitId publisherSystem = systemUnit(Role.PUBLISHER, OWN);
    refusedCertificates.put(
        "CLIENT_CERT_EXPIRED",
        kit.issueExtra(
            publisherSystem,
            CertificateProfile.TLS,
            new Validity(now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1)))));
    PrivateKeyHandle revoked =
        kit.issueExtra(
            publisherSystem,
            CertificateProfile.TLS,
            new Validity(now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(30))));
    kit.revoke(revoked.certificate(), RevocationReason.KEY_COMPROMISE);
    refusedCertificates.put("CLIENT_CERT_REVOKED", revoked);
    refusedCertificates.put("CLIENT_CERT_WRONG_USAGE", kit.unit(publisherSystem).signing());
    refusedCertificates.put(
        "CLIENT_CERT_UNTRUSTED",
        FederationKit.create(KeyAlgorithm.EC_P256, List.of(publisherSystem))
            .unit(publisherSystem)
            .tls());
    // Another CA that the gateway trusts, under another name, certifying the very same subject.
    Path other = Files.createDirectories(folder.resolve("other-ca"));
    refusedCertificates.put("CLIENT_CERT_UNKNOWN", otherIssuer(other, publisherSystem));

    Path trust = Files.createDirectories(folder.resolve("trust"));
    Pem.write(trust.resolve("anchor.pem"), Pem.encode(kit.trustAnchor()));
    Pem.write(trust.resolve("issuing.pem"), Pem.encode(kit.issuingCa()));
    Pem.write(trust.resolve("crls.pem"), Pem.encode(kit.crls().toArray()));
    Path passwordFile = trust.resolve("password");
    Files.writeString(passwordFile, new String(STORE_PASSWORD));

    broker = EmbeddedKafkaBroker.start(folder.resolve("kafka"), 0);
    List<String> args = new ArrayList<>();
    args.add("--liaison.development.enabled=false");
    args.add("--server.port=0");
    args.add("--spring.main.banner-mode=off");
    args.add("--liaison.data-dir=" + folder.resolve("data"));
    args.add("--spring.datasource.url=jdbc:h2:file:" + folder.resolve("db/gateway"));
    args.add("--liaison.kafka.bootstrap-servers=" + broker.bootstrapServers());
    args.add("--liaison.kafka.partitions=1");
    // An inbox event stream ends after a second, so that a test reads its whole answer.
    args.add("--liaison.inbox-events.timeout=PT1S");
    // Kafka TLS and ACLs are tested in transport/KafkaSecurityIT and
    // twogateways/TwoGatewaysSecuredIT.
    args.add("--liaison.kafka.tls.enabled=false");
    List<UnitId> hosted = List.of(OWN, OTHER, PEER);
    for (int i = 0; i < hosted.size(); i++) {
      UnitId unit = hosted.get(i);
      Path store = trust.resolve(unit.value() + ".p12");
      Pkcs12Store.write(
          store, STORE_PASSWORD, List.of(kit.unit(unit).signing(), kit.unit(unit).encryption()));
      String prefix = "--liaison.units[" + i + "].";
      args.add(prefix + "id=" + unit.value());
      args.add(prefix + "keystore=" + store);
      args.add(prefix + "password-file=" + passwordFile);
      args.add(prefix + "signing-alias=" + kit.unit(unit).signing().alias());
      args.add(prefix + "encryption-alias=" + kit.unit(unit).encryption().alias());
    }
    args.add("--liaison.trust.anchors[0]=" + trust.resolve("anchor.pem"));
    args.add("--liaison.trust.intermediates[0]=" + trust.resolve("issuing.pem"));
    args.add("--liaison.trust.crls[0]=" + trust.resolve("crls.pem"));
    args.add("--liaison.security.client-certificates.anchors[0]=" + other.resolve("anchor.pem"));
    args.add(
        "--liaison.security.client-certificates.intermediates[0]=" + other.resolve("issuing.pem"));
    args.add("--liaison.security.client-certificates.crls[0]=" + other.resolve("crls.pem"));
    Path serverStore = trust.resolve("server.p12");
    Pkcs12Store.write(serverStore, STORE_PASSWORD, List.of(kit.unit(OWN).tls()));
    args.add("--server.ssl.key-store=" + serverStore);
    args.add("--server.ssl.key-store-type=PKCS12");
    args.add("--server.ssl.key-store-password=" + new String(STORE_PASSWORD));
    args.add("--server.ssl.key-alias=" + kit.unit(OWN).tls().alias());
    args.addAll(tokens.arguments());
    args.add("--liaison.security.limits.max-body-bytes=" + MAX_BODY);
    args.add("--liaison.security.limits.burst=" + BURST);
    args.add("--liaison.security.limits.requests-per-minute=60");
    args.add("--liaison.security.login.max-failures=" + MAX_FAILURES);
    args.add("--liaison.security.login.lockout=PT10M");
    PasswordHashes hashes = new PasswordHashes();
    int i = 0;
    for (Role role : Role.values()) {
      for (UnitId unit : List.of(OWN, OTHER)) {
        String name = accountName(role, unit);
        String password = "password of " + name + " " + UUID.randomUUID();
        PrivateKeyHandle tls = kit.unit(systemUnit(role, unit)).tls();
        accounts.put(name, new TestAccount(name, unit, role, password, tls));
        String prefix = "--liaison.security.accounts[" + i++ + "].";
        args.add(prefix + "name=" + name);
        args.add(prefix + "units[0]=" + unit.value());
        args.add(prefix + "roles[0]=" + role.name());
        args.add(prefix + "password-hash=" + hashes.encode(password));
        args.add(
            prefix
                + "certificates[0].issuer="
                + kit.issuingCa().getSubjectX500Principal().getName());
        args.add(prefix + "certificates[0].subject=" + tls.certificate().getSubjectX500Principal());
      }
    }
    for (String name : List.of(LOCKED_ACCOUNT, LOCKED_TOO)) {
      String prefix = "--liaison.security.accounts[" + i++ + "].";
      args.add(prefix + "name=" + name);
      args.add(prefix + "units[0]=" + OWN.value());
      args.add(prefix + "roles[0]=OFFICER");
      args.add(prefix + "password-hash=" + hashes.encode("the right password"));
    }
    context =
        new SpringApplicationBuilder(LiaisonGatewayApplication.class)
            .run(args.toArray(String[]::new));
    port = ((WebServerApplicationContext) context).getWebServer().getPort();
  }

  static String accountName(Role role, UnitId unit) {
    return role.name().toLowerCase(java.util.Locale.ROOT) + (unit.equals(OWN) ? "-own" : "-other");
  }

  static UnitId systemUnit(Role role, UnitId unit) {
    return UnitId.of(
        "NL.SYS-" + role.name().substring(0, 3) + (unit.equals(OWN) ? "-OWN" : "-OTHER"));
  }

  TestAccount account(Role role, UnitId unit) {
    return accounts.get(accountName(role, unit));
  }

  org.springframework.boot.web.server.WebServer webServer() {
    return ((WebServerApplicationContext) context).getWebServer();
  }

  <T> T bean(String name, Class<T> type) {
    return context.getBean(name, type);
  }

  <T> Map<String, T> beansOf(Class<T> type) {
    return context.getBeansOfType(type);
  }

  <T> T bean(Class<T> type) {
    return context.getBean(type);
  }

  @Override
  public void close() {
    context.close();
    broker.close();
  }

  // ---- requests ------------------------------------------------------------------------------

  HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(60));
  }

  /** Sends over a TLS connection that presents {@code certificate} (none when null). */
  Answer send(HttpRequest request, PrivateKeyHandle certificate) {
    HttpClient client =
        clients.computeIfAbsent(
            certificate == null ? "none" : certificate, k -> client(certificate));
    try {
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
      return new Answer(response.statusCode(), response);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  Answer send(HttpRequest request) {
    return send(request, null);
  }

  Answer withToken(String token, String method, String path, String body) {
    return send(
        withBody(request(path).header("Authorization", "Bearer " + token), method, body).build());
  }

  static HttpRequest.Builder withBody(HttpRequest.Builder request, String method, String body) {
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    return request.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
  }

  /** Logs in (fetching the login page for its CSRF token first); fails unless 200. */
  Session login(String account, String password) {
    Answer answer = loginAttempt(account, password, true);
    if (answer.status() != 200) {
      throw new IllegalStateException(
          "login of " + account + " answered " + answer.body() + " after " + lastPage);
    }
    JsonNode csrf = answer.json().get("csrf");
    return new Session(
        cookie(answer).orElseThrow(),
        csrf.get("headerName").asString(),
        csrf.get("token").asString());
  }

  Session session(TestAccount account) {
    return sessions.computeIfAbsent(account.name(), n -> login(n, account.password()));
  }

  Answer loginAttempt(String account, String password, boolean withCsrf) {
    Answer page = send(request("/login").GET().build());
    lastPage = page.status() + " " + page.response().headers().map() + " " + page.body();
    Matcher token = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(page.body());
    String cookie = cookie(page).orElse("");
    StringBuilder form =
        new StringBuilder("username=")
            .append(encode(account))
            .append("&password=")
            .append(encode(password));
    if (withCsrf && token.find()) {
      form.append("&_csrf=").append(encode(token.group(1)));
    }
    var request =
        request("/login")
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form.toString()));
    if (!cookie.isEmpty()) {
      request.header("Cookie", cookie);
    }
    return send(request.build());
  }

  /** The session cookie a response sets, as a Cookie header value. */
  static Optional<String> cookie(Answer answer) {
    return answer.response().headers().allValues("Set-Cookie").stream()
        .filter(c -> c.startsWith("LIAISON_SESSION="))
        .map(c -> c.substring(0, c.indexOf(';') < 0 ? c.length() : c.indexOf(';')))
        .findFirst();
  }

  private static String encode(String value) {
    return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  // ---- resources -----------------------------------------------------------------------------

  /**
   * A notice body from {@code from} to {@code to}, in {@code thread} (none: a new thread, or for a
   * reply its original's), ready to publish.
   */
  static String notice(UnitId from, UnitId to, UUID thread, UUID inReplyTo) {
    ObjectNode json = CODEC.write(TestNotices.alert(from.value(), to.value()));
    json.remove(List.of("noticeId", "createdAt", "originator", "formatVersion"));
    json.put("noticeType", "INFORMATION_REQUEST");
    if (thread != null) {
      json.put("threadId", thread.toString());
    }
    if (inReplyTo != null) {
      json.put("inReplyTo", inReplyTo.toString());
    }
    return json.toString();
  }

  /** Publishes with a token of {@code from}'s publisher; returns the notice id. */
  UUID publish(UnitId from, UnitId to, UUID thread) {
    Answer answer =
        withToken(
            tokens.token(from, Role.PUBLISHER),
            "POST",
            "/api/v1/notices",
            notice(from, to, thread, null));
    if (answer.status() != 202) {
      throw new IllegalStateException("publish answered " + answer.body());
    }
    return UUID.fromString(answer.json().get("noticeId").asString());
  }

  /** A notice from the correspondent, delivered (unread) into {@code unit}'s inbox. */
  UUID delivered(UnitId unit) {
    UUID id = publish(PEER, unit, UUID.randomUUID());
    InboxStore inbox = bean(InboxStore.class);
    await().atMost(Duration.ofSeconds(60)).until(() -> inbox.find(unit.value(), id).isPresent());
    return id;
  }

  // ---- TLS -----------------------------------------------------------------------------------

  int port() {
    return port;
  }

  private HttpClient client(PrivateKeyHandle certificate) {
    return HttpClient.newBuilder()
        .sslContext(tls(certificate))
        .connectTimeout(Duration.ofSeconds(10))
        .build();
  }

  /** A TLS context that trusts the gateway and presents {@code certificate} (none when null). */
  SSLContext tls(PrivateKeyHandle certificate) {
    try {
      SSLContext tls = SSLContext.getInstance("TLS");
      KeyManagerFactory keys = null;
      if (certificate != null) {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry(
            "client",
            certificate.privateKey(),
            STORE_PASSWORD,
            certificate.chain().toArray(X509Certificate[]::new));
        keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, STORE_PASSWORD);
      }
      tls.init(
          keys == null ? null : keys.getKeyManagers(),
          new javax.net.ssl.TrustManager[] {new FederationServer(kit.trustAnchor())},
          null);
      return tls;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Trusts the gateway's TLS certificate by its chain to the federation's root; the certificate
   * names a unit, not the loopback address, so the host name is not compared.
   */
  private static final class FederationServer extends X509ExtendedTrustManager {
    private final X509TrustManager pkix;

    FederationServer(X509Certificate anchor) throws Exception {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setCertificateEntry("anchor", anchor);
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(store);
      pkix = (X509TrustManager) factory.getTrustManagers()[0];
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType)
        throws java.security.cert.CertificateException {
      pkix.checkServerTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, java.net.Socket s)
        throws java.security.cert.CertificateException {
      pkix.checkServerTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws java.security.cert.CertificateException {
      pkix.checkServerTrusted(chain, authType);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType)
        throws java.security.cert.CertificateException {
      throw new java.security.cert.CertificateException("client side only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, java.net.Socket s)
        throws java.security.cert.CertificateException {
      throw new java.security.cert.CertificateException("client side only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
        throws java.security.cert.CertificateException {
      throw new java.security.cert.CertificateException("client side only");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return pkix.getAcceptedIssuers();
    }
  }

  /**
   * A second CA hierarchy under other names ("Other Police Root CA"), trusted for client
   * certificates, that certifies {@code unit}: the same subject as the federation's certificate.
   */
  private static PrivateKeyHandle otherIssuer(Path folder, UnitId unit) {
    Clock clock = Clock.systemUTC();
    MemoryCaStore rootStore = new MemoryCaStore();
    PrivateKeyHandle rootKey =
        CertificateAuthority.createRoot(
            "other-root",
            KeyAlgorithm.EC_P256.generate(),
            Optional.empty(),
            "Other Police Root CA",
            rootStore,
            clock,
            SerialSource.random());
    CertificateAuthority root =
        new CertificateAuthority(rootKey, rootStore, CaPolicy.defaults(), clock);
    KeyPair issuingKeys = KeyAlgorithm.EC_P256.generate();
    X509Certificate issuingCert =
        root.issueCa(issuingKeys.getPublic(), "Other Police Issuing CA").certificate();
    CertificateAuthority issuing =
        new CertificateAuthority(
            new KeyEntry(
                "other-issuing",
                issuingKeys.getPrivate(),
                Optional.empty(),
                List.of(issuingCert, rootKey.certificate())),
            new MemoryCaStore(),
            CaPolicy.defaults(),
            clock);
    KeyPair keys = KeyAlgorithm.EC_P256.generate();
    X509Certificate cert =
        issuing
            .issue(
                CsrBuilder.create(
                    unit,
                    CertificateProfile.TLS,
                    keys.getPublic(),
                    keys.getPrivate(),
                    Optional.empty()),
                unit,
                CertificateProfile.TLS)
            .certificate();
    Pem.write(folder.resolve("anchor.pem"), Pem.encode(rootKey.certificate()));
    Pem.write(folder.resolve("issuing.pem"), Pem.encode(issuingCert));
    Pem.write(folder.resolve("crls.pem"), Pem.encode(root.createCrl(), issuing.createCrl()));
    return new KeyEntry(
        "other-tls", keys.getPrivate(), Optional.empty(), List.of(cert, issuingCert));
  }
}
