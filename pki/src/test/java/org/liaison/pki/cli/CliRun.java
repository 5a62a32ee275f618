package org.liaison.pki.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.util.Map;
import picocli.CommandLine;

/** One in-process run of {@code liaison-pki}: exit code and captured output. */
record CliRun(int exitCode, String out, String err) {

  static CliRun run(Clock clock, Map<String, String> environment, String... args) {
    CommandLine commandLine = LiaisonPki.commandLine(clock, environment);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    int code = commandLine.execute(args);
    return new CliRun(code, out.toString(), err.toString());
  }
}
