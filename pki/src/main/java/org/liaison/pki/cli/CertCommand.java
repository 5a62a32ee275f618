package org.liaison.pki.cli;

import picocli.CommandLine.Command;

/** {@code liaison-pki cert}: issue, renew, revoke, list and verify certificates. */
@Command(
    name = "cert",
    mixinStandardHelpOptions = true,
    description =
        "Issue (to units or federation services), renew, revoke, list and verify certificates.",
    subcommands = {
      CertIssueCommand.class,
      CertIssueServiceCommand.class,
      CertIssueDirectorySignerCommand.class,
      CertRenewCommand.class,
      CertRevokeCommand.class,
      CertListCommand.class,
      CertVerifyCommand.class
    })
final class CertCommand {}
