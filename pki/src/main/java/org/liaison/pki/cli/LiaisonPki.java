package org.liaison.pki.cli;

import java.math.BigInteger;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.liaison.pki.KeyAlgorithm;
import org.liaison.pki.PkiException;
import org.liaison.pki.ca.CertificateProfile;
import org.liaison.pki.ca.RevocationReason;
import org.liaison.schemas.UnitId;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code liaison-pki} command: run {@code liaison-pki --help} for the subcommands. */
@Command(
    name = "liaison-pki",
    mixinStandardHelpOptions = true,
    version = "liaison-pki 0.1",
    description =
        "Runs a Liaison federation's PKI: CAs, unit keys, certificates, revocation, CRLs,"
            + " publishes the federation directory, and seals or opens a notice by hand.",
    subcommands = {
      CaCommand.class,
      UnitCommand.class,
      CertCommand.class,
      CrlCommand.class,
      PemCommand.class,
      NoticeCommand.class,
      KafkaCommand.class,
      DirectoryCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:done (cert verify: the certificate is valid)",
      "1:cert verify: the certificate is not valid",
      "2:usage error (unknown option, missing or malformed value)",
      "3:refused or failed (wrong password, missing file, CSR for another unit, expired CA,"
          + " revoking twice, ...)"
    })
public final class LiaisonPki {

  private final Clock clock;
  private final Map<String, String> environment;

  LiaisonPki(Clock clock, Map<String, String> environment) {
    this.clock = clock;
    this.environment = Map.copyOf(environment);
  }

  Clock clock() {
    return clock;
  }

  Map<String, String> environment() {
    return environment;
  }

  public static void main(String[] args) {
    quietLogging();
    System.exit(commandLine(Clock.systemUTC(), System.getenv()).execute(args));
  }

  /**
   * The command speaks to its user through its own output; the libraries under it (Avro) log
   * through SLF4J, which, with no provider on the class path, prints three warnings before every
   * notice command. SLF4J's own no-operation provider is named here rather than a provider jar
   * added to the module, since the gateway takes this module's dependencies and logs with Logback.
   * Either property given on the command line ({@code java -Dslf4j.provider=...}) wins.
   */
  static void quietLogging() {
    if (System.getProperty("slf4j.provider") == null) {
      System.setProperty("slf4j.provider", "org.slf4j.helpers.NOP_FallbackServiceProvider");
    }
    if (System.getProperty("slf4j.internal.verbosity") == null) {
      System.setProperty("slf4j.internal.verbosity", "WARN");
    }
  }

  /** The command line, with the given clock and environment (tests pass their own). */
  public static CommandLine commandLine(Clock clock, Map<String, String> environment) {
    CommandLine commandLine = new CommandLine(new LiaisonPki(clock, environment));
    commandLine.registerConverter(UnitId.class, readable(UnitId::of));
    commandLine.registerConverter(CertificateProfile.class, readable(LiaisonPki::profile));
    commandLine.registerConverter(RevocationReason.class, readable(RevocationReason::parse));
    commandLine.registerConverter(KeyAlgorithm.class, readable(LiaisonPki::algorithm));
    commandLine.registerConverter(BigInteger.class, readable(LiaisonPki::serial));
    commandLine.registerConverter(URI.class, URI::new);
    commandLine.registerConverter(Instant.class, Instant::parse);
    commandLine.setExecutionExceptionHandler(LiaisonPki::failed);
    return commandLine;
  }

  /** A converter whose IllegalArgumentException message reaches the user as is. */
  private static <T> CommandLine.ITypeConverter<T> readable(
      CommandLine.ITypeConverter<T> converter) {
    return text -> {
      try {
        return converter.convert(text);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    };
  }

  private static CertificateProfile profile(String text) {
    String wanted = text.trim().toUpperCase(Locale.ROOT);
    for (CertificateProfile profile : CertificateProfile.values()) {
      if (profile.forUnits() && profile.name().equals(wanted)) {
        return profile;
      }
    }
    throw new IllegalArgumentException(
        "unknown profile '" + text + "': use signing, encryption or tls");
  }

  private static KeyAlgorithm algorithm(String text) {
    try {
      return KeyAlgorithm.valueOf(text.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "unknown algorithm '" + text + "': use ec-p256, ec-p384, rsa-3072 or rsa-4096", e);
    }
  }

  private static BigInteger serial(String text) {
    String hex = text.trim().replace(":", "");
    if (hex.startsWith("0x") || hex.startsWith("0X")) {
      hex = hex.substring(2);
    }
    try {
      return new BigInteger(hex, 16);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + text + "' is not a hex serial number", e);
    }
  }

  private static int failed(
      Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
    if (e instanceof CommandLine.ParameterException usage) {
      // Options that only conflict once the command runs are still a usage error.
      commandLine.getErr().println("liaison-pki: " + usage.getMessage());
      commandLine.getErr().flush();
      return ExitCodes.USAGE;
    }
    if (!(e instanceof PkiException refusal)) {
      // Not a refusal: a defect. Show the stack trace so that it gets reported.
      throw new IllegalStateException(e);
    }
    boolean json =
        parseResult.subcommand() != null
            && String.join(" ", parseResult.originalArgs()).contains("--json");
    if (json) {
      Map<String, Object> error = new LinkedHashMap<>();
      error.put("error", refusal.code().name());
      error.put("message", refusal.getMessage());
      commandLine.getOut().println(Json.write(error));
      commandLine.getOut().flush();
    }
    commandLine
        .getErr()
        .println("liaison-pki: " + refusal.getMessage() + " [" + refusal.code() + "]");
    commandLine.getErr().flush();
    return ExitCodes.FAILED;
  }
}
