package org.liaison.gateway.testing;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.liaison.gateway.dev.EmbeddedKafkaBroker;
import org.liaison.gateway.transport.KafkaTls;
import org.liaison.pki.acl.AclRule;
import org.liaison.pki.acl.BrokerSettings;
import org.liaison.pki.acl.FederationAcls;
import org.liaison.pki.keys.PrivateKeyHandle;
import org.liaison.schemas.UnitId;

/**
 * A broker secured as a federation's are, for tests: the in-process KRaft server with TLS on every
 * listener and a client certificate required, the federation's broker settings ({@link
 * BrokerSettings}: principal mapping, StandardAuthorizer, deny by default) and the ACLs of {@link
 * FederationAcls}, applied as the broker's super user. Its certificate is a service certificate of
 * the test federation naming 127.0.0.1, so that clients verify its host name.
 */
public final class SecuredKafka implements AutoCloseable {

  /** The broker's service name, the CN of its certificate: a super user. */
  public static final String BROKER = "kafka-1";

  private final EmbeddedKafkaBroker broker;
  private final PrivateKeyHandle brokerKey;
  private final List<X509Certificate> anchors;

  private SecuredKafka(
      EmbeddedKafkaBroker broker, PrivateKeyHandle brokerKey, List<X509Certificate> anchors) {
    this.broker = broker;
    this.brokerKey = brokerKey;
    this.anchors = anchors;
  }

  /**
   * Starts the broker with {@code brokerKey} (a service certificate for {@link #BROKER} and
   * 127.0.0.1), letting in clients whose certificates chain to {@code anchor}.
   */
  public static SecuredKafka start(
      Path folder, PrivateKeyHandle brokerKey, X509Certificate anchor) {
    List<X509Certificate> anchors = List.of(anchor);
    EmbeddedKafkaBroker broker =
        EmbeddedKafkaBroker.startSecured(
            folder,
            new EmbeddedKafkaBroker.Security(
                brokerKey, anchors, BrokerSettings.settings(List.of(BROKER))));
    return new SecuredKafka(broker, brokerKey, anchors);
  }

  /** Applies the federation's ACLs for {@code units}, as an operator runs the printed commands. */
  public SecuredKafka applyAcls(Collection<UnitId> units, String admin, boolean unitsCreateTopics)
      throws Exception {
    List<AclBinding> bindings =
        FederationAcls.rules(units, admin, unitsCreateTopics).stream()
            .map(SecuredKafka::binding)
            .toList();
    try (Admin superUser = Admin.create(clientConfig(brokerKey))) {
      superUser.createAcls(bindings).all().get(30, TimeUnit.SECONDS);
    }
    return this;
  }

  /**
   * Applies the {@code kafka-acls.sh --add} commands of {@code script}, as {@code liaison-pki kafka
   * acls} prints them for operators, and returns how many: what an operator runs is what is tested.
   */
  public int applyPrintedAcls(String script) throws Exception {
    List<AclBinding> bindings = PrintedAcls.parse(script);
    try (Admin superUser = superUser()) {
      superUser.createAcls(bindings).all().get(30, TimeUnit.SECONDS);
    }
    return bindings.size();
  }

  /** The federation's rule as Kafka's own ACL binding: allowed, from any host. */
  public static AclBinding binding(AclRule rule) {
    return new AclBinding(
        new ResourcePattern(
            ResourceType.valueOf(rule.resourceType().name()),
            rule.resourceName(),
            PatternType.valueOf(rule.patternType().name())),
        new AccessControlEntry(
            rule.principal(),
            "*",
            AclOperation.valueOf(rule.operation().name()),
            AclPermissionType.ALLOW));
  }

  public String bootstrapServers() {
    return broker.bootstrapServers();
  }

  /** The CAs a client trusts for the broker's certificate. */
  public List<X509Certificate> anchors() {
    return anchors;
  }

  /** The settings of a client connecting with {@code key}, as a gateway's unit does. */
  public Map<String, Object> clientConfig(PrivateKeyHandle key) {
    Map<String, Object> config = new HashMap<>(KafkaTls.clientConfig(key, anchors));
    config.put("bootstrap.servers", bootstrapServers());
    return config;
  }

  /** The settings of a client that verifies the broker but has no certificate to show. */
  public Map<String, Object> clientConfigWithoutCertificate() {
    Map<String, Object> config = new HashMap<>(KafkaTls.serverVerification(anchors));
    config.put("bootstrap.servers", bootstrapServers());
    return config;
  }

  /** An admin client acting as the broker itself, a super user, for setting a test up. */
  public Admin superUser() {
    return Admin.create(clientConfig(brokerKey));
  }

  @Override
  public void close() {
    broker.close();
  }
}
