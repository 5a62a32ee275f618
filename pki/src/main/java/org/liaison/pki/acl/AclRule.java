package org.liaison.pki.acl;

import java.util.Locale;
import java.util.Objects;

/**
 * One ALLOW entry of a Kafka ACL, from any host: {@code principal} may perform {@code operation} on
 * the {@code resourceType} resources named {@code resourceName} (exactly, or every name starting
 * with it when the pattern is {@link PatternType#PREFIXED}). There are no DENY entries: the
 * authorizer denies whatever no entry allows.
 */
public record AclRule(
    String principal,
    ResourceType resourceType,
    String resourceName,
    PatternType patternType,
    Operation operation) {

  /** The Kafka resource types the federation's rules use. */
  public enum ResourceType {
    TOPIC,
    GROUP
  }

  /** How {@link #resourceName} matches. */
  public enum PatternType {
    LITERAL,
    PREFIXED
  }

  /**
   * The Kafka operations the federation's rules use. READ, WRITE and CREATE each imply DESCRIBE in
   * Kafka's authorizer, which is why no rule grants DESCRIBE on its own.
   */
  public enum Operation {
    READ,
    WRITE,
    CREATE
  }

  public AclRule {
    Objects.requireNonNull(principal, "principal");
    Objects.requireNonNull(resourceType, "resourceType");
    Objects.requireNonNull(resourceName, "resourceName");
    Objects.requireNonNull(patternType, "patternType");
    Objects.requireNonNull(operation, "operation");
    if (!principal.startsWith("User:") || principal.length() == "User:".length()) {
      throw new IllegalArgumentException("principal '" + principal + "' is not User:<name>");
    }
  }

  /**
   * The arguments of {@code kafka-acls.sh --add} for this rule, each quoted for a POSIX shell (the
   * names are checked unit ids and service names, but the quoting does not rely on it).
   */
  public String kafkaAclsArguments() {
    StringBuilder line = new StringBuilder();
    line.append("--allow-principal ").append(quote(principal));
    line.append(" --operation ").append(camel(operation.name()));
    line.append(resourceType == ResourceType.TOPIC ? " --topic " : " --group ");
    line.append(quote(resourceName));
    line.append(" --resource-pattern-type ").append(patternType.name().toLowerCase(Locale.ROOT));
    return line.toString();
  }

  private static String camel(String name) {
    return name.charAt(0) + name.substring(1).toLowerCase(Locale.ROOT);
  }

  static String quote(String text) {
    return "'" + text.replace("'", "'\"'\"'") + "'";
  }
}
