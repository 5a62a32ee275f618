package org.liaison.pki.cli;

import picocli.CommandLine.Command;

/** {@code liaison-pki pem}: move certificates between PKCS#12 stores and PEM files. */
@Command(
    name = "pem",
    mixinStandardHelpOptions = true,
    description = "Import an issued certificate into a key store, or export a chain as PEM.",
    subcommands = {PemImportCommand.class, PemExportCommand.class})
final class PemCommand {}
