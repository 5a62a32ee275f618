package org.liaison.pki.cli;

import picocli.CommandLine.Command;

/** {@code liaison-pki directory}: publish, show and verify the federation directory's entries. */
@Command(
    name = "directory",
    mixinStandardHelpOptions = true,
    description =
        "Sign and publish the federation directory's entries (units, CRLs, the policy) with the"
            + " directory-signing key; show or verify a signed entry.",
    subcommands = {
      DirectoryPublishCommand.class,
      DirectoryShowCommand.class,
      DirectoryVerifyCommand.class
    })
final class DirectoryCommand {}
