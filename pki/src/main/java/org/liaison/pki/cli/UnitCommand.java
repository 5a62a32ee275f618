package org.liaison.pki.cli;

import picocli.CommandLine.Command;

/** {@code liaison-pki unit}: a unit's keys and CSRs. */
@Command(
    name = "unit",
    mixinStandardHelpOptions = true,
    description = "Make a unit's keys and certificate signing requests.",
    subcommands = {UnitKeygenCommand.class, UnitRotateCommand.class})
final class UnitCommand {}
