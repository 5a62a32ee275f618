package org.liaison.pki.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.liaison.pki.KeyAlgorithm;
import org.liaison.pki.acl.AclRule;
import org.liaison.pki.acl.FederationAcls;
import org.liaison.pki.ca.CaFolder;
import org.liaison.pki.ca.CertificateAuthority;
import org.liaison.pki.ca.CertificateProfile;
import org.liaison.pki.ca.CsrBuilder;
import org.liaison.pki.ca.RevocationReason;
import org.liaison.schemas.UnitId;

/** {@code liaison-pki kafka acls}: the printed script is the model's rules, one command each. */
class KafkaAclsCommandTest {

  private static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  @TempDir Path dir;

  private CliRun run(String... args) {
    return CliRun.run(CLOCK, Map.of(), args);
  }

  @Test
  void printsOneKafkaAclsCommandPerRuleOfTheModelAndTheBrokerSettings() {
    CliRun run =
        run("kafka", "acls", "--unit", "TH.CIB", "--unit", "NL.NCB", "--broker", "kafka-1");

    assertThat(run.exitCode()).as(run.err()).isZero();
    List<String> commands = run.out().lines().filter(l -> l.startsWith("kafka-acls.sh")).toList();
    List<AclRule> rules =
        FederationAcls.rules(List.of(UnitId.of("NL.NCB"), UnitId.of("TH.CIB")), "liaison-ca", true);
    assertThat(commands).hasSameSizeAs(rules);
    for (int i = 0; i < rules.size(); i++) {
      assertThat(commands.get(i))
          .isEqualTo(
              "kafka-acls.sh --bootstrap-server \"$KAFKA_BOOTSTRAP\" --command-config"
                  + " \"$KAFKA_ADMIN_CONFIG\" --add "
                  + rules.get(i).kafkaAclsArguments());
    }
    assertThat(run.out())
        .startsWith("#!/bin/sh")
        .contains(
            "#      authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer",
            "#      allow.everyone.if.no.acl.found=false",
            "#      super.users=User:kafka-1",
            "#      ssl.client.auth=required",
            "#      ssl.principal.mapping.rules=RULE:^CN=([A-Z]{2})(\\\\.[A-Z0-9-]{2,32})",
            "--allow-principal 'User:liaison-ca' --operation Write --topic 'liaison.directory'",
            "--allow-principal 'User:TH.CIB' --operation Read --topic 'liaison.notices.TH.CIB'");
  }

  @Test
  void takesTheUnitsWithAValidTlsCertificateFromTheCaRegister() {
    Path issuing = federationWithCertificates();

    CliRun run =
        run(
            "kafka",
            "acls",
            "--ca-dir",
            issuing.toString(),
            "--broker",
            "kafka-1",
            "--broker",
            "kafka-2",
            "--admin",
            "pki-admin",
            "--no-topic-creation",
            "--bootstrap-server",
            "kafka.example:9093",
            "--json");

    assertThat(run.exitCode()).as(run.err()).isZero();
    // NL.NCB has a TLS certificate; TH.CIB's was revoked; BE.FPP has only a signing one; the
    // broker's service certificate is no unit's.
    assertThat(run.out())
        .startsWith("{\"units\":[\"NL.NCB\"],\"action\":\"add\",\"brokerSettings\":{")
        .contains(
            "\"super.users\":\"User:kafka-1;User:kafka-2\"",
            "{\"principal\":\"User:NL.NCB\",\"resourceType\":\"GROUP\","
                + "\"resourceName\":\"liaison-gateway.NL.NCB\",\"patternType\":\"LITERAL\","
                + "\"operation\":\"READ\",\"permission\":\"ALLOW\",\"host\":\"*\"}",
            "\"principal\":\"User:pki-admin\"",
            "kafka-acls.sh --bootstrap-server \\\"kafka.example:9093\\\"")
        .doesNotContain(
            "TH.CIB",
            "BE.FPP",
            "\"resourceName\":\"liaison.notices.NL.NCB\",\"patternType\":\"LITERAL\","
                + "\"operation\":\"CREATE\"");
  }

  @Test
  void printsTheRemovalOfALeavingUnitsAclsAndNoOthers() {
    CliRun run = run("kafka", "acls", "--unit", "TH.CIB", "--broker", "kafka-1", "--remove");

    assertThat(run.exitCode()).as(run.err()).isZero();
    List<String> commands = run.out().lines().filter(l -> l.startsWith("kafka-acls.sh")).toList();
    List<AclRule> rules = FederationAcls.unitRules(UnitId.of("TH.CIB"), true);
    assertThat(commands)
        .hasSameSizeAs(rules)
        .allMatch(c -> c.contains(" --remove --force --allow-principal 'User:TH.CIB' "));
    assertThat(run.out()).doesNotContain("--add", "User:liaison-ca", "super.users");
  }

  @Test
  void mistakesExitWithTheirCodes() {
    CliRun noUnit = run("kafka", "acls", "--broker", "kafka-1");
    assertThat(noUnit.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(noUnit.err()).contains("name the units (--unit) or --ca-dir");

    CliRun noBroker = run("kafka", "acls", "--unit", "NL.NCB");
    assertThat(noBroker.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(noBroker.err()).contains("--broker");

    CliRun badUnit = run("kafka", "acls", "--unit", "XX.NCB", "--broker", "kafka-1");
    assertThat(badUnit.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(badUnit.err()).contains("not an ISO 3166 country code");

    CliRun badAdmin =
        run("kafka", "acls", "--unit", "NL.NCB", "--broker", "kafka-1", "--admin", "CA Admin");
    assertThat(badAdmin.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(badAdmin.err()).contains("service name 'CA Admin'");

    CliRun noCa =
        run("kafka", "acls", "--ca-dir", dir.resolve("none").toString(), "--broker", "kafka-1");
    assertThat(noCa.exitCode()).isEqualTo(ExitCodes.FAILED);

    CliRun kafkaAlone = run("kafka");
    assertThat(kafkaAlone.exitCode()).isEqualTo(ExitCodes.USAGE);
    assertThat(kafkaAlone.err()).contains("acls");
  }

  @Test
  void hasHelp() {
    CliRun help = run("kafka", "acls", "--help");
    assertThat(help.exitCode()).isZero();
    assertThat(help.out())
        .startsWith("Usage: liaison-pki kafka acls")
        .contains("--no-topic-creation");
  }

  private Path federationWithCertificates() {
    char[] password = "secret".toCharArray();
    CertificateAuthority root =
        CaFolder.initRoot(
            dir.resolve("root"), "Root", KeyAlgorithm.EC_P256, Optional.empty(), password, CLOCK);
    Path issuingDir = dir.resolve("issuing");
    CertificateAuthority issuing =
        CaFolder.initIssuing(
            issuingDir, root, "Issuing", KeyAlgorithm.EC_P256, Optional.empty(), password, CLOCK);
    issue(issuing, "NL.NCB", CertificateProfile.TLS);
    issue(issuing, "NL.NCB", CertificateProfile.SIGNING);
    var cib = issue(issuing, "TH.CIB", CertificateProfile.TLS);
    issuing.revoke(cib, RevocationReason.KEY_COMPROMISE);
    issue(issuing, "BE.FPP", CertificateProfile.SIGNING);
    issuing.issueService(
        KeyAlgorithm.EC_P256.generate().getPublic(), "kafka-1", List.of("kafka-1.example"));
    return issuingDir;
  }

  private static java.math.BigInteger issue(
      CertificateAuthority ca, String unit, CertificateProfile profile) {
    KeyPair keys = KeyAlgorithm.EC_P256.generate();
    UnitId id = UnitId.of(unit);
    return ca.issue(
            CsrBuilder.create(id, profile, keys.getPublic(), keys.getPrivate(), Optional.empty()),
            id,
            profile)
        .serial();
  }
}
