package org.liaison.pki.cli;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.liaison.pki.PkiException;
import org.liaison.pki.acl.AclRule;
import org.liaison.pki.acl.BrokerSettings;
import org.liaison.pki.acl.FederationAcls;
import org.liaison.pki.ca.CaFolder;
import org.liaison.pki.ca.CertificateProfile;
import org.liaison.pki.ca.CertificateStatus;
import org.liaison.pki.ca.IssuedCertificate;
import org.liaison.schemas.UnitId;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code kafka acls}: prints, as a shell script, the broker settings and the {@code kafka-acls.sh}
 * commands that give each unit exactly its rights ({@link FederationAcls}), for the units named or
 * for every unit holding a valid TLS certificate in the CA's register.
 */
@Command(
    name = "acls",
    mixinStandardHelpOptions = true,
    description = {
      "Print the Kafka ACLs a federation needs as ready-to-run kafka-acls.sh commands, with the"
          + " broker settings (principal mapping, authorizer, TLS) as comments above them.",
      "Units come from --unit, or from the TLS certificates in the CA register of --ca-dir"
          + " (valid ones only), or both."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:printed",
      "2:usage error (no unit, malformed unit id or service name)",
      "3:the CA register cannot be read, or holds no valid TLS certificate of a unit"
    })
final class KafkaAclsCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--unit",
      paramLabel = "UNIT",
      description = "A unit of the federation (repeat for each).")
  List<UnitId> units = new ArrayList<>();

  @Option(
      names = "--ca-dir",
      paramLabel = "DIR",
      description = "The issuing CA's folder: every unit with a valid TLS certificate in it.")
  Path caDir;

  @Option(
      names = "--admin",
      paramLabel = "NAME",
      defaultValue = FederationAcls.DEFAULT_ADMIN,
      description =
          "The service name (certificate CN) of the CA's administrative client, the only"
              + " principal that writes liaison.directory (default: ${DEFAULT-VALUE}).")
  String admin;

  @Option(
      names = "--broker",
      paramLabel = "NAME",
      required = true,
      description = "The service name (certificate CN) of a broker; repeat for each.")
  List<String> brokers;

  @Option(
      names = "--no-topic-creation",
      description =
          "Operators create the topics: gateways get no CREATE right"
              + " (set liaison.kafka.provision-topics=false on them).")
  boolean noTopicCreation;

  @Option(
      names = "--bootstrap-server",
      paramLabel = "HOST:PORT",
      defaultValue = "$KAFKA_BOOTSTRAP",
      description = "Written into each command (default: the shell variable ${DEFAULT-VALUE}).")
  String bootstrap;

  @Option(
      names = "--command-config",
      paramLabel = "FILE",
      defaultValue = "$KAFKA_ADMIN_CONFIG",
      description =
          "The client configuration of a super user, written into each command"
              + " (default: the shell variable ${DEFAULT-VALUE}).")
  String commandConfig;

  @Option(
      names = "--remove",
      description =
          "Print the commands that remove the named units' ACLs (a unit leaving the federation)"
              + " instead of the federation's.")
  boolean remove;

  @Option(names = "--json", description = "Print JSON instead of a shell script.")
  boolean json;

  @Override
  public Integer call() {
    TreeSet<UnitId> all = new TreeSet<>(units);
    if (caDir != null) {
      List<UnitId> registered = registeredUnits(Cli.clock(spec).instant());
      if (registered.isEmpty()) {
        throw new PkiException(
            PkiException.Code.UNKNOWN_CERTIFICATE,
            "the CA in " + caDir + " has issued no valid TLS certificate to a unit");
      }
      all.addAll(registered);
    }
    if (all.isEmpty()) {
      throw new ParameterException(spec.commandLine(), "name the units (--unit) or --ca-dir");
    }
    List<AclRule> rules;
    Map<String, String> settings;
    try {
      rules =
          remove
              ? all.stream()
                  .flatMap(unit -> FederationAcls.unitRules(unit, !noTopicCreation).stream())
                  .toList()
              : FederationAcls.rules(all, admin, !noTopicCreation);
      settings = BrokerSettings.settings(brokers);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    List<String> commands = rules.stream().map(this::command).toList();
    if (json) {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("units", all.stream().map(UnitId::value).toList());
      out.put("action", remove ? "remove" : "add");
      if (!remove) {
        out.put("brokerSettings", settings);
      }
      out.put("acls", rules.stream().map(KafkaAclsCommand::describe).toList());
      out.put("commands", commands);
      Cli.out(spec).println(Json.write(out));
      return ExitCodes.OK;
    }
    var out = Cli.out(spec);
    out.println("#!/bin/sh");
    String names = String.join(" ", all.stream().map(UnitId::value).toList());
    if (remove) {
      out.println("# Removes every Kafka ACL of: " + names);
      out.println("# Run as a super user (a broker's service certificate):");
    } else {
      out.println("# Kafka security of a Liaison federation of " + all.size() + " unit(s):");
      out.println("#   " + names);
      out.println("#");
      out.println("# 1. Add to server.properties of every broker and controller (besides its own");
      out.println("#    listeners, key store and a trust store holding the federation's root):");
      for (String line : BrokerSettings.propertiesLines(brokers)) {
        out.println("#      " + line);
      }
      out.println("#");
      out.println("# 2. Run these as a super user (a broker's service certificate):");
    }
    out.println("#      KAFKA_BOOTSTRAP=host:9093 KAFKA_ADMIN_CONFIG=admin-client.properties");
    out.println("set -e");
    commands.forEach(out::println);
    return ExitCodes.OK;
  }

  private String command(AclRule rule) {
    return "kafka-acls.sh --bootstrap-server \""
        + bootstrap
        + "\" --command-config \""
        + commandConfig
        + (remove ? "\" --remove --force " : "\" --add ")
        + rule.kafkaAclsArguments();
  }

  private List<UnitId> registeredUnits(Instant now) {
    List<UnitId> found = new ArrayList<>();
    for (IssuedCertificate issued : CaFolder.register(caDir).issued()) {
      if (issued.profile() == CertificateProfile.TLS
          && UnitId.isValid(issued.holder())
          && issued.status(now) == CertificateStatus.VALID) {
        found.add(UnitId.of(issued.holder()));
      }
    }
    return found;
  }

  private static Map<String, Object> describe(AclRule rule) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("principal", rule.principal());
    row.put("resourceType", rule.resourceType().name());
    row.put("resourceName", rule.resourceName());
    row.put("patternType", rule.patternType().name());
    row.put("operation", rule.operation().name());
    row.put("permission", "ALLOW");
    row.put("host", "*");
    return row;
  }
}
