package org.liaison.pki.acl;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.liaison.pki.acl.AclRule.Operation;
import org.liaison.pki.acl.AclRule.PatternType;
import org.liaison.pki.acl.AclRule.ResourceType;
import org.liaison.schemas.UnitId;

/**
 * The ACLs a federation's Kafka cluster needs, from its list of units (see DESIGN.md, "On the
 * wire"). A unit's principal is {@code User:<unit id>}, which the brokers' principal mapping (see
 * {@link BrokerSettings}) derives from the unit's TLS certificate. Each unit may:
 *
 * <ul>
 *   <li>write every unit's notices and receipts topics ({@code liaison.notices.*}, {@code
 *       liaison.receipts.*}, prefixed): it sends notices to others and receipts back to them;
 *   <li>read its own notices and receipts topics, and no other, with its own consumer group;
 *   <li>read {@code liaison.directory};
 *   <li>create its own two topics, when gateways provision their topics (the default).
 * </ul>
 *
 * Only the CA's administrative principal may write (and create) {@code liaison.directory}. The
 * brokers' own principals are super users ({@link BrokerSettings}); nobody else gets anything.
 */
public final class FederationAcls {

  /** The federation directory: certificates, CRLs and unit entries, compacted. */
  public static final String DIRECTORY = "liaison.directory";

  /** The prefix of every unit's notices topic. */
  public static final String NOTICES_PREFIX = "liaison.notices.";

  /** The prefix of every unit's receipts topic. */
  public static final String RECEIPTS_PREFIX = "liaison.receipts.";

  /** The prefix of every unit's consumer group. */
  public static final String GROUP_PREFIX = "liaison-gateway.";

  /** The CA's administrative principal unless the operator names another. */
  public static final String DEFAULT_ADMIN = "liaison-ca";

  private static final Pattern SERVICE_NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{1,63}");

  private FederationAcls() {}

  /** The topic of the sealed notices addressed to {@code unit}. */
  public static String notices(UnitId unit) {
    return NOTICES_PREFIX + unit.value();
  }

  /** The topic of the receipts for the notices {@code unit} sent. */
  public static String receipts(UnitId unit) {
    return RECEIPTS_PREFIX + unit.value();
  }

  /** The consumer group of {@code unit}'s gateway (for both of its topics). */
  public static String consumerGroup(UnitId unit) {
    return GROUP_PREFIX + unit.value();
  }

  /** The Kafka principal of {@code unit}. */
  public static String principal(UnitId unit) {
    return "User:" + unit.value();
  }

  /**
   * The Kafka principal of a federation service (the CA's client, a broker), named by the CN of its
   * service certificate.
   */
  public static String servicePrincipal(String name) {
    if (name == null || !SERVICE_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "service name '"
              + name
              + "' must be 2-64 lower case letters, digits, dots or hyphens (the CN of its"
              + " service certificate)");
    }
    return "User:" + name;
  }

  /**
   * Every ACL entry of a federation of {@code units} whose directory is written by the service
   * {@code admin}, in a stable order (units sorted).
   *
   * @param unitsCreateTopics whether each unit may create its own topics (gateways provision them
   *     unless {@code liaison.kafka.provision-topics=false}; then operators create them)
   */
  public static List<AclRule> rules(
      Collection<UnitId> units, String admin, boolean unitsCreateTopics) {
    Objects.requireNonNull(units, "units");
    if (units.isEmpty()) {
      throw new IllegalArgumentException("a federation has at least one unit");
    }
    List<AclRule> rules = new ArrayList<>();
    String adminPrincipal = servicePrincipal(admin);
    rules.add(topic(adminPrincipal, DIRECTORY, PatternType.LITERAL, Operation.WRITE));
    rules.add(topic(adminPrincipal, DIRECTORY, PatternType.LITERAL, Operation.CREATE));
    rules.add(topic(adminPrincipal, DIRECTORY, PatternType.LITERAL, Operation.READ));
    for (UnitId unit : new TreeSet<>(units)) {
      rules.addAll(unitRules(unit, unitsCreateTopics));
    }
    return List.copyOf(rules);
  }

  /**
   * The entries of one unit alone, in the order {@link #rules} lists them: what to remove when a
   * unit leaves the federation.
   */
  public static List<AclRule> unitRules(UnitId unit, boolean unitsCreateTopics) {
    List<AclRule> rules = new ArrayList<>();
    String principal = principal(unit);
    rules.add(topic(principal, NOTICES_PREFIX, PatternType.PREFIXED, Operation.WRITE));
    rules.add(topic(principal, RECEIPTS_PREFIX, PatternType.PREFIXED, Operation.WRITE));
    rules.add(topic(principal, notices(unit), PatternType.LITERAL, Operation.READ));
    rules.add(topic(principal, receipts(unit), PatternType.LITERAL, Operation.READ));
    rules.add(topic(principal, DIRECTORY, PatternType.LITERAL, Operation.READ));
    // Literal, not prefixed: the group of NL.NCB must not match that of NL.NCB-2.
    rules.add(
        new AclRule(
            principal,
            ResourceType.GROUP,
            consumerGroup(unit),
            PatternType.LITERAL,
            Operation.READ));
    if (unitsCreateTopics) {
      rules.add(topic(principal, notices(unit), PatternType.LITERAL, Operation.CREATE));
      rules.add(topic(principal, receipts(unit), PatternType.LITERAL, Operation.CREATE));
    }
    return List.copyOf(rules);
  }

  private static AclRule topic(
      String principal, String name, PatternType pattern, Operation operation) {
    return new AclRule(principal, ResourceType.TOPIC, name, pattern, operation);
  }
}
