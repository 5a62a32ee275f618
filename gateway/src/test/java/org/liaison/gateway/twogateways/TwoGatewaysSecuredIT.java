package org.liaison.gateway.twogateways;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.liaison.gateway.testing.SecuredKafka;
import org.liaison.pki.cli.LiaisonPki;

/**
 * The two-gateway suite on H2 over a secured broker: TLS with client certificates, the federation's
 * broker settings, and the ACLs exactly as {@code liaison-pki kafka acls} prints them for the three
 * units. Each gateway's clients connect as the units it hosts, with their TLS keys; the broker's
 * certificate is a service certificate of the federation's issuing CA. That every test of the suite
 * passes here shows the printed ACLs are sufficient, not only restrictive.
 */
class TwoGatewaysSecuredIT extends TwoGatewaysSuite {

  private SecuredKafka kafka;

  @Override
  boolean foreignClientReadsNotices() {
    return false;
  }

  @Override
  GatewayDatabase.Kind database() {
    return GatewayDatabase.Kind.H2;
  }

  @Override
  String startKafka(Path folder) {
    kafka =
        SecuredKafka.start(
            folder,
            federation.issueService(SecuredKafka.BROKER, List.of("127.0.0.1", "localhost")),
            federation.rootCertificate());
    String script =
        printed(
            "kafka",
            "acls",
            "--unit",
            NCB.value(),
            "--unit",
            BKK.value(),
            "--unit",
            CIB.value(),
            "--broker",
            SecuredKafka.BROKER);
    try {
      assertThat(kafka.applyPrintedAcls(script)).isGreaterThan(20);
    } catch (Exception e) {
      throw new IllegalStateException("cannot apply the printed ACLs", e);
    }
    return kafka.bootstrapServers();
  }

  @Override
  void stopKafka() {
    if (kafka != null) {
      kafka.close();
    }
  }

  @Override
  List<String> kafkaSecurityArguments() {
    return List.of(
        "--liaison.kafka.tls.enabled=true",
        "--liaison.kafka.tls.trust-anchors[0]=" + federation.trustAnchor());
  }

  /** The foreign sender is a unit of the federation: NL.NCB, with its own TLS key. */
  @Override
  Map<String, Object> foreignClient(String bootstrapServers) {
    Map<String, Object> config = new HashMap<>(kafka.clientConfig(federation.tls(NCB)));
    config.put("bootstrap.servers", bootstrapServers);
    return config;
  }

  private static String printed(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    var command = LiaisonPki.commandLine(Clock.systemUTC(), Map.of());
    command.setOut(new PrintWriter(out, true));
    command.setErr(new PrintWriter(err, true));
    int code = command.execute(args);
    assertThat(code).as(err.toString()).isZero();
    return out.toString();
  }
}
