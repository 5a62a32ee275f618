package org.liaison.pki.cli;

import picocli.CommandLine.Command;

/** {@code liaison-pki cert}: issue, renew, revoke and list certificates. */
@Command(
    name = "cert",
    mixinStandardHelpOptions = true,
    description = "Issue, renew, revoke and list unit certificates.",
    subcommands = {
      CertIssueCommand.class,
      CertRenewCommand.class,
      CertRevokeCommand.class,
      CertListCommand.class
    })
final class CertCommand {}
