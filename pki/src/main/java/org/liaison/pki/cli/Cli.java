package org.liaison.pki.cli;

import java.io.PrintWriter;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.liaison.pki.ca.IssuedCertificate;
import org.liaison.pki.keys.Passwords;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** What every subcommand needs from the top command: clock, environment, output, passwords. */
final class Cli {

  private Cli() {}

  static LiaisonPki root(CommandSpec spec) {
    return (LiaisonPki) spec.root().userObject();
  }

  static Clock clock(CommandSpec spec) {
    return root(spec).clock();
  }

  static PrintWriter out(CommandSpec spec) {
    return spec.commandLine().getOut();
  }

  static char[] password(CommandSpec spec, PasswordOptions options, String what) {
    if (options.file().isPresent() && options.variable().isPresent()) {
      // Two sources for one password: which one wins would be a guess.
      throw new CommandLine.ParameterException(
          spec.commandLine(), "give --password-file or --password-env, not both");
    }
    return password(spec, options.file(), options.variable(), what);
  }

  static char[] password(
      CommandSpec spec, Optional<Path> file, Optional<String> variable, String what) {
    return Passwords.resolve(file, variable, root(spec).environment(), what);
  }

  /** A serial as OpenSSL prints it: upper-case hex. */
  static String serial(BigInteger serial) {
    return serial.toString(16).toUpperCase(Locale.ROOT);
  }

  static Map<String, Object> describe(IssuedCertificate issued, Clock clock) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("serial", serial(issued.serial()));
    map.put("holder", issued.holder());
    map.put("profile", issued.profile().name().toLowerCase(Locale.ROOT));
    map.put("status", issued.status(clock.instant()).name().toLowerCase(Locale.ROOT));
    map.put("notAfter", issued.notAfter().toString());
    issued
        .revocation()
        .ifPresent(
            r -> {
              map.put("revokedAt", r.revokedAt().toString());
              map.put("reason", r.reason().cliName());
            });
    return map;
  }

  static String subject(X509Certificate certificate) {
    return certificate.getSubjectX500Principal().getName();
  }
}
