package org.liaison.gateway.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * The {@code kafka-acls.sh --add} lines of a script that {@code liaison-pki kafka acls} printed,
 * read into Kafka's own bindings, so that tests and the process runner apply exactly what an
 * operator runs (Kafka's AclCommand is not on the gateway's class path).
 */
public final class PrintedAcls {

  private static final Pattern PRINTED =
      Pattern.compile(
          "--add --allow-principal '([^']+)' --operation (\\w+) --(topic|group) '([^']+)'"
              + " --resource-pattern-type (\\w+)$");

  private PrintedAcls() {}

  /** Every binding the script adds; a {@code kafka-acls.sh} line of another shape is an error. */
  public static List<AclBinding> parse(String script) {
    List<AclBinding> bindings = new ArrayList<>();
    for (String line : script.lines().toList()) {
      if (!line.startsWith("kafka-acls.sh ")) {
        continue;
      }
      Matcher m = PRINTED.matcher(line);
      if (!m.find()) {
        throw new IllegalArgumentException("not an ACL command this reader knows: " + line);
      }
      bindings.add(
          new AclBinding(
              new ResourcePattern(
                  ResourceType.fromString(upper(m.group(3))),
                  m.group(4),
                  PatternType.fromString(upper(m.group(5)))),
              new AccessControlEntry(
                  m.group(1),
                  "*",
                  AclOperation.fromString(upper(m.group(2))),
                  AclPermissionType.ALLOW)));
    }
    return bindings;
  }

  /** kafka-acls.sh reads its enum options in any case; Kafka's fromString wants upper case. */
  private static String upper(String option) {
    return option.toUpperCase(Locale.ROOT);
  }
}
