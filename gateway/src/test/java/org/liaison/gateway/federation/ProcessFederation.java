package org.liaison.gateway.federation;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.liaison.gateway.testing.PrintedAcls;
import org.liaison.schemas.UnitId;

/**
 * The process runner: the topology of {@code compose/compose.yaml} started as real OS processes on
 * loopback, from the same files. The bootstrap script makes the federation with the built {@code
 * liaison-pki}; three Kafka nodes (KRaft, broker and controller each) run from the Kafka server jar
 * inside the built gateway jar with {@code compose/kafka/kafka-N.properties}, where {@code
 * kafka-N:9093} and {@code kafka-N:9094} become {@code 127.0.0.1:N9093} and {@code
 * 127.0.0.1:N9094}; the printed ACLs are applied as a super user (a broker's certificate); each
 * gateway gets a fresh database on the local PostgreSQL (NL.NCB's on a PostgreSQL server of its
 * own, {@link PostgresProcess}, which a test may stop) and runs from the built jar with {@code
 * compose/gateways/<site>.yaml}, under its site's name as {@code liaison.kafka.instance-id}.
 * Everything started is stopped, by process, on {@link #close()} (and at JVM exit).
 *
 * <p>From a shell: {@code compose/run-local} (see compose/README.md).
 */
public final class ProcessFederation implements AutoCloseable {

  /** A country site: its gateway's name (as in compose), the unit it hosts, its HTTPS port. */
  public record Site(String name, UnitId unit, int httpsPort) {
    public String database() {
      return "liaison_" + name.replace('-', '_');
    }
  }

  public static final List<Site> SITES =
      List.of(
          new Site("nl-ncb", UnitId.of("NL.NCB"), 18443),
          new Site("nl-att-bkk", UnitId.of("NL.ATT-BKK"), 28443),
          new Site("th-cib", UnitId.of("TH.CIB"), 38443));

  public static final String BOOTSTRAP_SERVERS = "127.0.0.1:19093,127.0.0.1:29093,127.0.0.1:39093";
  private static final Pattern KAFKA_ADDRESS = Pattern.compile("kafka-([123]):(909[34])");
  private static final String POSTGRES = "jdbc:postgresql://127.0.0.1:5432/";

  /** The site whose database is on a server of its own, which a test may stop and start. */
  public static final String OWN_DATABASE_SITE = "nl-ncb";

  /** That server's port (the range 47000-47999 is this suite's). */
  public static final int OWN_DATABASE_PORT = 47432;

  private final Path repo;
  private final Path work;
  private final Path gatewayJar;
  private final Path pkiJar;
  private final Map<Integer, Process> brokers = new HashMap<>();
  private final Map<String, Process> gateways = new HashMap<>();
  private final Map<String, Long> logStarts = new HashMap<>();
  private final Map<String, String> hosts = new HashMap<>();
  private PostgresProcess ownDatabase;
  private NetworkNamespace namespace;
  private String namespaceRefused;
  private final Thread stopAtExit = new Thread(this::stopAll, "process-federation-stop");

  private ProcessFederation(Path repo, Path work) throws IOException {
    this.repo = repo;
    this.work = work;
    this.gatewayJar = built(repo.resolve("gateway/target"), "liaison-gateway-");
    this.pkiJar = repo.resolve("pki/target/liaison-pki.jar");
    if (!Files.isRegularFile(pkiJar)) {
      throw new IllegalStateException(
          "build first: ./mvnw -B package -DskipTests (no " + pkiJar + ")");
    }
    Files.createDirectories(work.resolve("logs"));
    Runtime.getRuntime().addShutdownHook(stopAtExit);
  }

  /** Starts the whole topology under {@code work} (a folder of its own, made empty). */
  public static ProcessFederation start(Path repo, Path work) throws Exception {
    ProcessFederation f = new ProcessFederation(repo, work);
    try {
      f.bootstrap();
      f.makeNamespace();
      f.startBrokers();
      f.applyAcls();
      f.ownDatabase =
          PostgresProcess.start(
              OWN_DATABASE_PORT,
              f.namespace == null ? null : NetworkNamespace.SERVICE_HOST,
              NetworkNamespace.GATEWAY_ADDRESS);
      f.createDatabases();
      for (Site site : SITES) {
        f.startGateway(site);
      }
      for (Site site : SITES) {
        f.awaitGateway(site);
      }
      return f;
    } catch (Exception | Error e) {
      f.close();
      throw e;
    }
  }

  /** The federation folder the bootstrap made: CAs, key stores, secrets. */
  public Path federation() {
    return work.resolve("federation");
  }

  /** A secret the bootstrap made, without its line break. */
  public String secret(String name) throws IOException {
    return Files.readString(federation().resolve("secrets").resolve(name)).strip();
  }

  public Path logs() {
    return work.resolve("logs");
  }

  /** Stops {@code site}'s gateway as a crash would (SIGKILL) or politely. */
  public void stopGateway(Site site, boolean kill) throws InterruptedException {
    stopInstance(site.name(), kill);
  }

  /** Stops the gateway instance {@code instance} as a crash would (SIGKILL) or politely. */
  public void stopInstance(String instance, boolean kill) throws InterruptedException {
    Process p = gateways.remove(instance);
    if (p != null) {
      stop(p, kill);
    }
  }

  /**
   * The network namespace {@link #OWN_DATABASE_SITE}'s gateway can be moved into; fails with what
   * refused to make it (it needs root) when there is none.
   */
  public NetworkNamespace namespace() {
    if (namespace == null) {
      throw new IllegalStateException("no network namespace: " + namespaceRefused);
    }
    return namespace;
  }

  /** The address where {@code site}'s gateway answers: loopback, or its namespace's. */
  public String host(Site site) {
    return hosts.getOrDefault(site.name(), "127.0.0.1");
  }

  /**
   * Stops {@code site}'s gateway politely and starts it again inside the network namespace, where
   * it reaches the brokers only through the namespace's Kafka link (cut by {@link
   * NetworkNamespace#cut()}) and its database and callers through the other.
   */
  public void moveIntoNamespace(Site site) throws Exception {
    if (!site.name().equals(OWN_DATABASE_SITE)) {
      throw new IllegalArgumentException("only " + OWN_DATABASE_SITE + "'s database is reachable");
    }
    namespace();
    stopGateway(site, false);
    hosts.put(site.name(), NetworkNamespace.GATEWAY_ADDRESS);
    startInstance(site, site.name(), site.httpsPort());
    awaitGateway(site);
  }

  /** The JDBC URL of {@code site}'s database (user postgres, trust authentication). */
  public String jdbcUrl(Site site) {
    return site.name().equals(OWN_DATABASE_SITE)
        ? ownDatabase.jdbcUrl(site.database())
        : POSTGRES + site.database();
  }

  /**
   * Stops the server of {@link #OWN_DATABASE_SITE}'s database: {@code immediate} as a crash would,
   * else a fast shutdown (both cut every connection).
   */
  public void stopOwnDatabase(boolean immediate) throws Exception {
    ownDatabase.stopServer(immediate);
  }

  /** Starts that server again and waits until it accepts connections. */
  public void startOwnDatabase() throws Exception {
    ownDatabase.startServer();
  }

  /**
   * Kafka client settings with the first broker's service certificate: a super user, as the printed
   * ACL script asks to be run.
   */
  public Map<String, Object> superUser() throws IOException {
    return client(federation().resolve("kafka/kafka-1.p12"), secret("kafka.pass"));
  }

  /** Kafka client settings with {@code keystore}'s key (PKCS#12) and the federation's root. */
  public Map<String, Object> client(Path keystore, String password) throws IOException {
    Map<String, Object> c = new HashMap<>();
    c.put("bootstrap.servers", BOOTSTRAP_SERVERS);
    c.put("security.protocol", "SSL");
    c.put("ssl.keystore.type", "PKCS12");
    c.put("ssl.keystore.location", keystore.toString());
    c.put("ssl.keystore.password", password);
    c.put("ssl.truststore.type", "PKCS12");
    c.put("ssl.truststore.location", federation().resolve("kafka/truststore.p12").toString());
    c.put("ssl.truststore.password", secret("kafka.pass"));
    return c;
  }

  private void bootstrap() throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder("bash", repo.resolve("compose/bootstrap/bootstrap.sh").toString());
    pb.environment().put("FEDERATION", federation().toString());
    pb.environment().put("LIAISON_PKI", java() + " -jar " + pkiJar);
    pb.environment().put("KAFKA_HOSTS", "localhost 127.0.0.1 " + NetworkNamespace.KAFKA_HOST);
    pb.environment()
        .put("GATEWAY_HOSTS", "localhost 127.0.0.1 " + NetworkNamespace.GATEWAY_ADDRESS);
    Process p = pb.redirectErrorStream(true).redirectOutput(log("bootstrap")).start();
    if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IllegalStateException("the bootstrap failed:\n" + tail("bootstrap"));
    }
  }

  /**
   * The namespace for the partition scenario, made before the brokers so that they can listen on
   * its Kafka link; where it cannot be made (not root), the reason is kept for that scenario to
   * fail with, and everything else runs on loopback as before.
   */
  private void makeNamespace() {
    try {
      namespace = NetworkNamespace.create();
    } catch (Exception e) {
      namespaceRefused = e.getMessage();
    }
  }

  private void startBrokers() throws Exception {
    String clusterId = env().getProperty("KAFKA_CLUSTER_ID");
    Path logback = work.resolve("kafka-logback.xml");
    Files.writeString(
        logback,
        "<configuration><appender name='out' class='ch.qos.logback.core.ConsoleAppender'>"
            + "<encoder><pattern>%d %-5level %logger{36} - %msg%n</pattern></encoder></appender>"
            + "<root level='WARN'><appender-ref ref='out'/></root>"
            + "<logger name='kafka.server.KafkaRaftServer' level='INFO'/></configuration>");
    for (int n = 1; n <= 3; n++) {
      Path node = Files.createDirectories(work.resolve("kafka-" + n));
      Path properties = node.resolve("server.properties");
      Files.writeString(properties, local(n));
      run(
          "kafka-" + n + "-format",
          List.of(
              java(),
              "-Dlogback.configurationFile=" + logback,
              "-Dloader.main=kafka.tools.StorageTool",
              "-cp",
              gatewayJar.toString(),
              "org.springframework.boot.loader.launch.PropertiesLauncher",
              "format",
              "-t",
              clusterId,
              "-c",
              properties.toString()));
    }
    for (int n = 1; n <= 3; n++) {
      startBroker(n);
    }
    awaitBrokers(3);
  }

  /** Starts Kafka node {@code n} (again, after {@link #killBroker}) on its own data folder. */
  public void startBroker(int n) throws IOException {
    Path properties = work.resolve("kafka-" + n).resolve("server.properties");
    brokers.put(
        n,
        new ProcessBuilder(
                java(),
                "-Xmx512m",
                "-Dlogback.configurationFile=" + work.resolve("kafka-logback.xml"),
                "-Dloader.main=kafka.Kafka",
                "-cp",
                gatewayJar.toString(),
                "org.springframework.boot.loader.launch.PropertiesLauncher",
                properties.toString())
            .redirectErrorStream(true)
            .redirectOutput(log("kafka-" + n))
            .start());
  }

  /** Kills Kafka node {@code n} with SIGKILL, as a power cut would. */
  public void killBroker(int n) throws InterruptedException {
    Process p = brokers.remove(n);
    if (p != null) {
      stop(p, true);
    }
  }

  /** Waits until the cluster reports {@code count} live brokers. */
  public void awaitBrokers(int count) throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    try (Admin admin = Admin.create(superUser())) {
      while (true) {
        try {
          if (admin.describeCluster().nodes().get(10, TimeUnit.SECONDS).size() == count) {
            return;
          }
        } catch (Exception e) {
          // not up yet
        }
        for (Process b : brokers.values()) {
          if (!b.isAlive()) {
            throw new IllegalStateException(
                "a Kafka node stopped:\n" + tail("kafka-1") + tail("kafka-2") + tail("kafka-3"));
          }
        }
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "the Kafka cluster did not reach "
                  + count
                  + " brokers:\n"
                  + tail("kafka-1")
                  + tail("kafka-2")
                  + tail("kafka-3"));
        }
        Thread.sleep(500);
      }
    }
  }

  /** Node {@code n}'s properties, the compose file's, with loopback addresses and local folders. */
  private String local(int n) throws IOException {
    String text =
        Files.readString(repo.resolve("compose/kafka/kafka-" + n + ".properties"))
            .replace("/federation/", federation() + "/")
            .replace("/var/lib/kafka/data", work.resolve("kafka-" + n).resolve("data").toString());
    Matcher m = KAFKA_ADDRESS.matcher(text);
    text = m.replaceAll(r -> "127.0.0.1:" + r.group(1) + r.group(2));
    if (namespace != null) {
      // A third listener, on the namespace's Kafka link: a client that connects there is told the
      // brokers' addresses on that link, and so reaches them only through it.
      String netns = "NETNS://" + NetworkNamespace.KAFKA_HOST + ":" + n + "9095";
      text =
          text.replaceFirst("(?m)^(listeners=.*)$", "$1," + netns)
              .replaceFirst("(?m)^(advertised\\.listeners=.*)$", "$1," + netns)
              .replaceFirst("(?m)^(listener\\.security\\.protocol\\.map=.*)$", "$1,NETNS:SSL");
    }
    return text;
  }

  private void applyAcls() throws Exception {
    String script = Files.readString(federation().resolve("kafka/acls.sh"));
    try (Admin admin = Admin.create(superUser())) {
      admin.createAcls(PrintedAcls.parse(script)).all().get(60, TimeUnit.SECONDS);
    }
  }

  /** A fresh database and role per gateway on its server (trust authentication). */
  private void createDatabases() throws SQLException {
    for (Site site : SITES) {
      String server = jdbcUrl(site).substring(0, jdbcUrl(site).lastIndexOf('/') + 1);
      try (Connection c = DriverManager.getConnection(server + "postgres", "postgres", "");
          Statement s = c.createStatement()) {
        String db = site.database();
        s.execute("drop database if exists " + db + " with (force)");
        s.execute(
            "do $$ begin if not exists (select from pg_roles where rolname = '"
                + db
                + "') then create role "
                + db
                + " login; end if; end $$");
        s.execute("create database " + db + " owner " + db);
      }
    }
  }

  private void startGateway(Site site) throws IOException {
    startInstance(site, site.name(), site.httpsPort());
  }

  /**
   * Starts a gateway instance for {@code site} named {@code instance} (its Kafka instance id, its
   * log and data folder) on {@code httpsPort}, on the site's database and configuration: a second
   * instance of the site's unit, when the name is not the site's.
   */
  public void startInstance(Site site, String instance, int httpsPort) throws IOException {
    Path data = Files.createDirectories(work.resolve(instance));
    List<String> command =
        List.of(
            java(),
            "-Xmx384m",
            "-jar",
            gatewayJar.toString(),
            "--spring.config.additional-location=file:"
                + repo.resolve("compose/gateways/" + site.name() + ".yaml"));
    boolean inNamespace = instance.equals(site.name()) && hosts.containsKey(site.name());
    ProcessBuilder pb = new ProcessBuilder(inNamespace ? namespace().inside(command) : command);
    Map<String, String> env = pb.environment();
    env.put("FEDERATION", federation().toString());
    env.put("GATEWAY_DATA", data.toString());
    if (inNamespace) {
      env.put("GATEWAY_KAFKA", namespaceBootstrapServers());
      env.put(
          "GATEWAY_DB_URL",
          "jdbc:postgresql://"
              + NetworkNamespace.SERVICE_HOST
              + ":"
              + OWN_DATABASE_PORT
              + "/"
              + site.database());
    } else {
      env.put("GATEWAY_KAFKA", BOOTSTRAP_SERVERS);
      env.put("GATEWAY_DB_URL", jdbcUrl(site));
    }
    env.put("GATEWAY_HTTPS_PORT", String.valueOf(httpsPort));
    // One id per running gateway, kept across its restarts (the host name is shared here).
    env.put("LIAISON_KAFKA_INSTANCEID", instance);
    // Fault and load streams come from one case system per site: its rate limit (600 a minute
    // by default, a guard against a runaway client) is raised here, not in the deployment.
    env.put("LIAISON_SECURITY_LIMITS_REQUESTSPERMINUTE", "60000");
    env.put("LIAISON_SECURITY_LIMITS_BURST", "1000");
    Path logFile = work.resolve("logs").resolve(instance + ".log");
    // A restart appends to the log: only what this start writes tells that it has started.
    logStarts.put(instance, Files.exists(logFile) ? Files.size(logFile) : 0L);
    gateways.put(instance, pb.redirectErrorStream(true).redirectOutput(log(instance)).start());
  }

  /** Waits until {@code site}'s HTTPS port answers; fails at once if its process stops. */
  public void awaitGateway(Site site) throws Exception {
    awaitInstance(site.name(), site.httpsPort());
  }

  private static String namespaceBootstrapServers() {
    return Stream.of(1, 2, 3)
        .map(n -> NetworkNamespace.KAFKA_HOST + ":" + n + "9095")
        .collect(java.util.stream.Collectors.joining(","));
  }

  /** Waits until the instance's HTTPS port answers; fails at once if its process stops. */
  public void awaitInstance(String instance, int httpsPort) throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    Process p = gateways.get(instance);
    long logStart = logStarts.getOrDefault(instance, 0L);
    while (true) {
      if (p == null || !p.isAlive()) {
        throw new IllegalStateException("gateway " + instance + " stopped:\n" + tail(instance));
      }
      String text = Files.readString(log(instance).file().toPath(), StandardCharsets.UTF_8);
      if (text.indexOf("Started LiaisonGatewayApplication", (int) Math.min(logStart, text.length()))
          >= 0) {
        try (Socket s = new Socket(hosts.getOrDefault(instance, "127.0.0.1"), httpsPort)) {
          return;
        } catch (IOException e) {
          // the connector is not open yet
        }
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "gateway " + instance + " did not start in time:\n" + tail(instance));
      }
      Thread.sleep(500);
    }
  }

  /** Starts {@code site}'s gateway again (after {@link #stopGateway}), on its database. */
  public void restartGateway(Site site) throws Exception {
    startGateway(site);
    awaitGateway(site);
  }

  @Override
  public void close() {
    stopAll();
    try {
      Runtime.getRuntime().removeShutdownHook(stopAtExit);
    } catch (IllegalStateException e) {
      // the JVM is exiting: the hook runs
    }
  }

  private synchronized void stopAll() {
    List<Process> all = new ArrayList<>(gateways.values());
    gateways.clear();
    for (Process p : all) {
      p.destroy();
    }
    for (Process p : all) {
      stopQuietly(p);
    }
    List<Process> nodes = new ArrayList<>(brokers.values());
    brokers.clear();
    Collections.reverse(nodes);
    nodes.forEach(Process::destroy);
    nodes.forEach(ProcessFederation::stopQuietly);
    if (ownDatabase != null) {
      ownDatabase.close();
      ownDatabase = null;
    }
    if (namespace != null) {
      namespace.close();
      namespace = null;
    }
  }

  private static void stopQuietly(Process p) {
    try {
      stop(p, false);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
    }
  }

  private static void stop(Process p, boolean kill) throws InterruptedException {
    if (kill) {
      p.destroyForcibly();
    } else {
      p.destroy();
    }
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      p.waitFor(10, TimeUnit.SECONDS);
    }
  }

  private void run(String name, List<String> command) throws Exception {
    Process p =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log(name)).start();
    if (!p.waitFor(2, TimeUnit.MINUTES) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IllegalStateException(name + " failed:\n" + tail(name));
    }
  }

  /** The last lines of a process's log, for a failure message that stands on its own in CI. */
  private String tail(String name) {
    Path file = work.resolve("logs").resolve(name + ".log");
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      return "--- "
          + file
          + "\n"
          + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()))
          + "\n";
    } catch (IOException e) {
      return "--- " + file + " (unreadable: " + e.getMessage() + ")\n";
    }
  }

  private ProcessBuilder.Redirect log(String name) {
    return ProcessBuilder.Redirect.appendTo(work.resolve("logs").resolve(name + ".log").toFile());
  }

  private Properties env() throws IOException {
    Properties p = new Properties();
    try (var in = Files.newBufferedReader(repo.resolve("compose/.env"))) {
      p.load(in);
    }
    return p;
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static Path built(Path target, String prefix) throws IOException {
    try (Stream<Path> files = Files.list(target)) {
      return files
          .filter(f -> f.getFileName().toString().startsWith(prefix))
          .filter(f -> f.getFileName().toString().endsWith(".jar"))
          .filter(f -> !f.getFileName().toString().endsWith("-plain.jar"))
          .findFirst()
          .orElseThrow(
              () -> new IllegalStateException("build first: ./mvnw -B package -DskipTests"));
    } catch (IOException e) {
      throw new IllegalStateException("build first: ./mvnw -B package -DskipTests", e);
    }
  }

  /**
   * {@code compose/run-local}: starts the federation under the folder given (default {@code
   * target/federation}), prints where everything is, and stops it all on Ctrl-C.
   */
  public static void main(String[] args) throws Exception {
    Path repo = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
    Path work =
        Path.of(args.length > 1 ? args[1] : repo.resolve("target/federation").toString())
            .toAbsolutePath();
    if (Files.exists(work)) {
      throw new IllegalStateException(work + " exists: remove it, or name another folder");
    }
    System.out.println(
        "Starting the federation in " + work + " (logs in " + work.resolve("logs") + ")");
    ProcessFederation f = start(repo, work);
    System.out.println("Kafka (TLS, client certificates): " + BOOTSTRAP_SERVERS);
    for (Site site : SITES) {
      System.out.printf(
          "%-11s https://127.0.0.1:%d  hosts %s  key store %s%n",
          site.name(),
          site.httpsPort(),
          site.unit(),
          f.federation().resolve("units/" + site.unit() + ".p12"));
    }
    System.out.println("Running; Ctrl-C stops every process it started.");
    Thread.currentThread().join();
  }
}
