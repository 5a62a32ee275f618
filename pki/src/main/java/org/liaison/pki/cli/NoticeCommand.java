package org.liaison.pki.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code notice seal} and {@code notice open}: seal a notice by hand, or check a sealed one, as a
 * gateway would. Exit codes: 0 sealed or opened, 1 rejected (the reason code is printed), 2 usage,
 * 3 operational failure (missing file, wrong password, unusable key).
 */
@Command(
    name = "notice",
    description = "Seal a case notice for its recipients, or open and check a sealed one.",
    mixinStandardHelpOptions = true,
    subcommands = {NoticeSealCommand.class, NoticeOpenCommand.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:sealed, or opened with every check passed",
      "1:rejected: the reason code and detail are printed",
      "2:usage error",
      "3:operational failure: missing file, wrong password, unusable key"
    })
public final class NoticeCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCodes.USAGE;
  }
}
