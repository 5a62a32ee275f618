package org.liaison.pki.cli;

import picocli.CommandLine.Command;

/** {@code liaison-pki crl}: make CRLs. */
@Command(
    name = "crl",
    mixinStandardHelpOptions = true,
    description = "Make a CA's certificate revocation list.",
    subcommands = {CrlCreateCommand.class})
final class CrlCommand {}
