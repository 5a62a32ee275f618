package org.liaison.pki.cli;

import picocli.CommandLine.Command;

/** {@code directory publish}: one entry, to a file and/or the directory topic. */
@Command(
    name = "publish",
    mixinStandardHelpOptions = true,
    description = {
      "Sign a directory entry with the directory-signing key (--signer-store) and write it to"
          + " --out, to liaison.directory on --bootstrap-servers, or both.",
      "Each entry gets the next sequence number from <signer-store>.sequence: the larger of the"
          + " last number plus one and the current time in milliseconds."
    },
    subcommands = {
      DirectoryPublishUnitCommand.class,
      DirectoryPublishCrlCommand.class,
      DirectoryPublishPolicyCommand.class
    })
final class DirectoryPublishCommand {}
