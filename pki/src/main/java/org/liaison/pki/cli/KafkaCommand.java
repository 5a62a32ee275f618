package org.liaison.pki.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code liaison-pki kafka}: what a federation's Kafka cluster needs of its PKI. */
@Command(
    name = "kafka",
    mixinStandardHelpOptions = true,
    description = "Print the Kafka ACLs and broker security settings a federation needs.",
    subcommands = {KafkaAclsCommand.class})
final class KafkaCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCodes.USAGE;
  }
}
