package org.liaison.pki.cli;

import picocli.CommandLine.Command;

/** {@code liaison-pki ca}: create the root and issuing CAs. */
@Command(
    name = "ca",
    mixinStandardHelpOptions = true,
    description = "Create the federation's root CA and issuing CAs.",
    subcommands = {CaInitRootCommand.class, CaInitIssuingCommand.class})
final class CaCommand {}
