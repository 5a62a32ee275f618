package org.liaison.pki.acl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.liaison.pki.acl.AclRule.Operation;
import org.liaison.pki.acl.AclRule.PatternType;
import org.liaison.pki.acl.AclRule.ResourceType;
import org.liaison.schemas.UnitId;

/**
 * The federation's ACL model as data: who may read, write and create what. The broker tests in the
 * gateway apply the same rules to a real broker; these pin the rules themselves.
 */
class FederationAclsTest {

  private static final UnitId NCB = UnitId.of("NL.NCB");
  private static final UnitId NCB2 = UnitId.of("NL.NCB-2");
  private static final UnitId CIB = UnitId.of("TH.CIB");

  @Test
  void aUnitReadsOnlyItsOwnTopicsAndGroupAndTheDirectory() {
    List<AclRule> rules = FederationAcls.rules(List.of(CIB, NCB, NCB2), "liaison-ca", true);

    List<AclRule> reads =
        rules.stream()
            .filter(r -> r.principal().equals("User:NL.NCB") && r.operation() == Operation.READ)
            .toList();
    assertThat(reads)
        .extracting(AclRule::resourceType, AclRule::resourceName, AclRule::patternType)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(
                ResourceType.TOPIC, "liaison.notices.NL.NCB", PatternType.LITERAL),
            org.assertj.core.groups.Tuple.tuple(
                ResourceType.TOPIC, "liaison.receipts.NL.NCB", PatternType.LITERAL),
            org.assertj.core.groups.Tuple.tuple(
                ResourceType.TOPIC, "liaison.directory", PatternType.LITERAL),
            org.assertj.core.groups.Tuple.tuple(
                ResourceType.GROUP, "liaison-gateway.NL.NCB", PatternType.LITERAL));
    // A prefixed read or group rule would let NL.NCB into NL.NCB-2's topics or group.
    assertThat(rules)
        .filteredOn(r -> r.operation() == Operation.READ)
        .allMatch(r -> r.patternType() == PatternType.LITERAL);
  }

  @Test
  void aUnitWritesEveryNoticesAndReceiptsTopicButNeverTheDirectory() {
    List<AclRule> rules = FederationAcls.rules(List.of(NCB, CIB), "liaison-ca", true);

    assertThat(rules)
        .filteredOn(r -> r.principal().equals("User:TH.CIB") && r.operation() == Operation.WRITE)
        .extracting(AclRule::resourceName, AclRule::patternType)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("liaison.notices.", PatternType.PREFIXED),
            org.assertj.core.groups.Tuple.tuple("liaison.receipts.", PatternType.PREFIXED));
    assertThat(rules)
        .filteredOn(
            r ->
                r.resourceName().equals(FederationAcls.DIRECTORY)
                    && r.operation() != Operation.READ)
        .extracting(AclRule::principal)
        .containsOnly("User:liaison-ca");
  }

  @Test
  void topicCreationIsGrantedOnlyForAUnitsOwnTopicsAndOnlyWhenAsked() {
    assertThat(FederationAcls.rules(List.of(NCB, CIB), "liaison-ca", true))
        .filteredOn(r -> r.operation() == Operation.CREATE && r.principal().equals("User:NL.NCB"))
        .extracting(AclRule::resourceName)
        .containsExactlyInAnyOrder("liaison.notices.NL.NCB", "liaison.receipts.NL.NCB");
    assertThat(FederationAcls.rules(List.of(NCB, CIB), "liaison-ca", false))
        .filteredOn(r -> r.operation() == Operation.CREATE)
        .extracting(AclRule::principal)
        .containsOnly("User:liaison-ca");
  }

  @Test
  void aUnitsOwnRulesAreExactlyItsShareOfTheFederations() {
    List<AclRule> all = FederationAcls.rules(List.of(NCB, CIB), "liaison-ca", true);

    assertThat(FederationAcls.unitRules(CIB, true))
        .isEqualTo(all.stream().filter(r -> r.principal().equals("User:TH.CIB")).toList());
  }

  @Test
  void theRulesAreTheSameWhateverOrderTheUnitsComeIn() {
    assertThat(FederationAcls.rules(List.of(CIB, NCB), "ca", true))
        .isEqualTo(FederationAcls.rules(List.of(NCB, CIB, NCB), "ca", true));
  }

  @Test
  void badNamesAreRefused() {
    assertThatThrownBy(() -> FederationAcls.rules(List.of(), "liaison-ca", true))
        .hasMessageContaining("at least one unit");
    assertThatThrownBy(() -> FederationAcls.rules(List.of(NCB), "NL.NCB", true))
        .hasMessageContaining("service name 'NL.NCB'");
    assertThatThrownBy(() -> BrokerSettings.settings(List.of("Kafka 1")))
        .hasMessageContaining("service name 'Kafka 1'");
  }

  @Test
  void theKafkaAclsArgumentsNameEachPartOfTheRule() {
    var rule =
        new AclRule(
            "User:NL.NCB",
            ResourceType.GROUP,
            "liaison-gateway.NL.NCB",
            PatternType.LITERAL,
            Operation.READ);
    assertThat(rule.kafkaAclsArguments())
        .isEqualTo(
            "--allow-principal 'User:NL.NCB' --operation Read --group 'liaison-gateway.NL.NCB'"
                + " --resource-pattern-type literal");
    assertThat(AclRule.quote("it's")).isEqualTo("'it'\"'\"'s'");
  }

  /** The mapping rules as Kafka applies them: a pattern, and its replacement on a match. */
  @Test
  void thePrincipalMappingTakesUnitsAndServicesAndNothingElse() {
    assertThat(map("CN=NL.NCB,O=Liaison,C=NL")).isEqualTo("NL.NCB");
    assertThat(map("CN=NL.ATT-BKK,O=Liaison,C=NL")).isEqualTo("NL.ATT-BKK");
    assertThat(map("CN=kafka-1,OU=Services,O=Liaison")).isEqualTo("kafka-1");
    assertThat(map("CN=NL.NCB,O=Liaison,C=TH")).as("country mismatch").isNull();
    assertThat(map("CN=NL.NCB,O=Other,C=NL")).isNull();
    assertThat(map("CN=NL.NCB,OU=Services,O=Liaison")).isNull();
    assertThat(map("CN=Liaison Test Root CA,O=Liaison")).isNull();
    assertThat(map("CN=kafka-1,OU=Services,O=Liaison,C=NL")).isNull();
  }

  @Test
  void theServerPropertiesLinesReadBackAsTheSettings() throws Exception {
    Properties read = new Properties();
    read.load(
        new StringReader(
            String.join("\n", BrokerSettings.propertiesLines(List.of("kafka-1", "kafka-2")))));

    assertThat(read).containsAllEntriesOf(BrokerSettings.settings(List.of("kafka-1", "kafka-2")));
    assertThat(read.getProperty("super.users")).isEqualTo("User:kafka-1;User:kafka-2");
    assertThat(read.getProperty("allow.everyone.if.no.acl.found")).isEqualTo("false");
    assertThat(read.getProperty("ssl.client.auth")).isEqualTo("required");
  }

  private static String map(String dn) {
    Matcher rule =
        Pattern.compile("RULE:((?:\\\\.|[^\\\\/])*)/((?:\\\\.|[^\\\\/])*)/")
            .matcher(BrokerSettings.PRINCIPAL_MAPPING_RULES);
    while (rule.find()) {
      Matcher m = Pattern.compile(rule.group(1)).matcher(dn);
      if (m.matches()) {
        return m.replaceAll(rule.group(2));
      }
    }
    return null;
  }
}
