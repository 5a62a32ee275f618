package org.liaison.pki.cli;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.liaison.pki.BoundedRead;
import org.liaison.pki.KeyAlgorithm;
import org.liaison.pki.PkiException;
import org.liaison.pki.directory.DirectoryEntries;
import org.liaison.schemas.AvroTrust;
import org.liaison.schemas.avro.KeyTypeRequirement;
import org.liaison.schemas.avro.PolicyEntry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code directory publish policy}: the federation policy, from a properties file. */
@Command(
    name = "policy",
    mixinStandardHelpOptions = true,
    description = {
      "Publish the federation policy from --policy, a properties file:",
      "  allowed-algorithms=EC_P256,EC_P384",
      "  signing-time-window-seconds=604800",
      "  max-clock-skew-seconds=300",
      "  max-notice-bytes=10485760",
      "  require.<unit id | CC.* | *>=<key types>   (optional, repeatable)"
    })
final class DirectoryPublishPolicyCommand implements Callable<Integer> {

  private static final int MAX_POLICY_BYTES = 64 * 1024;

  @Spec CommandSpec spec;

  @Option(names = "--policy", required = true, paramLabel = "FILE", description = "The policy.")
  Path policy;

  @Mixin DirectoryPublication publication;

  @Option(names = "--json", description = "Print JSON instead of text.")
  boolean json;

  @Override
  public Integer call() {
    PolicyEntry body = read(policy);
    DirectoryPublication.print(
        spec,
        json,
        publication.publish(spec, (sequence, at) -> DirectoryEntries.policy(body, sequence, at)));
    return ExitCodes.OK;
  }

  static PolicyEntry read(Path file) {
    Properties p = new Properties();
    try {
      p.load(
          new StringReader(
              new String(
                  BoundedRead.file(file, MAX_POLICY_BYTES, "the policy file"),
                  StandardCharsets.UTF_8)));
    } catch (IOException | IllegalArgumentException e) {
      throw new PkiException(PkiException.Code.BAD_INPUT, "cannot read " + file + ": " + e, e);
    }
    AvroTrust.install();
    List<KeyTypeRequirement> requirements = new ArrayList<>();
    for (String name : p.stringPropertyNames().stream().sorted().toList()) {
      if (name.startsWith("require.")) {
        requirements.add(
            KeyTypeRequirement.newBuilder()
                .setUnits(name.substring("require.".length()))
                .setKeyTypes(algorithms(p.getProperty(name), name))
                .build());
      }
    }
    return PolicyEntry.newBuilder()
        .setAllowedAlgorithms(algorithms(required(p, "allowed-algorithms", file), file.toString()))
        .setSigningTimeWindowSeconds(number(p, "signing-time-window-seconds", file))
        .setMaxClockSkewSeconds(number(p, "max-clock-skew-seconds", file))
        .setMaxNoticeBytes(Math.toIntExact(number(p, "max-notice-bytes", file)))
        .setKeyTypeRequirements(requirements)
        .build();
  }

  private static List<String> algorithms(String text, String where) {
    List<String> names = new ArrayList<>();
    for (String part : text.split(",")) {
      String name = part.trim();
      if (Arrays.stream(KeyAlgorithm.values()).noneMatch(a -> a.name().equals(name))) {
        throw new PkiException(
            PkiException.Code.BAD_INPUT,
            "unknown key algorithm '"
                + name
                + "' in "
                + where
                + ": use "
                + Arrays.toString(KeyAlgorithm.values()));
      }
      names.add(name);
    }
    return names;
  }

  private static String required(Properties p, String name, Path file) {
    String value = p.getProperty(name);
    if (value == null || value.isBlank()) {
      throw new PkiException(PkiException.Code.BAD_INPUT, file + " does not set " + name);
    }
    return value;
  }

  private static long number(Properties p, String name, Path file) {
    try {
      long value = Long.parseLong(required(p, name, file).trim());
      if (value <= 0) {
        throw new NumberFormatException("not positive");
      }
      return value;
    } catch (NumberFormatException | ArithmeticException e) {
      throw new PkiException(
          PkiException.Code.BAD_INPUT, name + " in " + file + " must be a positive number", e);
    }
  }
}
