package org.liaison.pki.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.liaison.pki.KeyAlgorithm;
import org.liaison.pki.ca.FederationKit;
import org.liaison.pki.keys.Pem;
import org.liaison.pki.keys.Pkcs12Store;
import org.liaison.schemas.UnitId;
import org.liaison.schemas.codec.NoticeJson;
import org.liaison.schemas.examples.ExampleNotices;

/**
 * Every file a command reads, replaced by a hostile one (garbage, empty, a directory, missing, a 3
 * GB sparse file, {@code /dev/zero}): each is refused with its exit code and a one-line message
 * ending in its code, never a stack trace, and the huge ones after a bounded read.
 */
class CliHostileInputsTest {

  private static final String NCB = "NL.NCB";
  private static final String CIB = "TH.CIB";
  private static final String ATT = "NL.ATT-BKK";

  @TempDir static Path dir;

  /** The inputs that replace one good file; each maps to the code it must be refused with. */
  enum Hostile {
    GARBAGE("BAD_INPUT"),
    EMPTY("BAD_INPUT"),
    DIRECTORY("BAD_INPUT"),
    MISSING("FILE_NOT_FOUND"),
    SPARSE_3GB("OVERSIZE");

    final String code;

    Hostile(String code) {
      this.code = code;
    }

    Path file() {
      return dir.resolve("hostile").resolve(name());
    }
  }

  @BeforeAll
  static void federation() throws Exception {
    FederationKit kit =
        FederationKit.create(
            KeyAlgorithm.EC_P256, Stream.of(NCB, CIB, ATT).map(UnitId::of).toList());
    Files.writeString(dir.resolve("pw"), "correct horse\n");
    for (String unit : List.of(NCB, CIB, ATT)) {
      Pkcs12Store.write(
          dir.resolve(unit + ".p12"),
          "correct horse".toCharArray(),
          List.of(kit.unit(UnitId.of(unit)).signing(), kit.unit(UnitId.of(unit)).encryption()));
      Pem.write(
          dir.resolve(unit + "-enc.pem"),
          Pem.encode(kit.unit(UnitId.of(unit)).encryption().certificate()));
    }
    Pem.write(dir.resolve("root.pem"), Pem.encode(kit.trustAnchor()));
    Pem.write(dir.resolve("issuing.pem"), Pem.encode(kit.issuingCa()));
    Pem.write(dir.resolve("crls.pem"), Pem.encode(kit.crls().toArray()));
    Files.writeString(
        dir.resolve("notice.json"), NoticeJson.write(ExampleNotices.traffickingAlert()));
    assertThat(run(sealArgs(Map.of())).exit()).isZero();

    Path hostile = Files.createDirectories(dir.resolve("hostile"));
    Files.write(
        hostile.resolve("GARBAGE"),
        "-----BEGIN CERTIFICATE-----\n%%%\n\u0000\u00ff{".getBytes(StandardCharsets.ISO_8859_1));
    Files.write(hostile.resolve("EMPTY"), new byte[0]);
    Files.createDirectories(hostile.resolve("DIRECTORY"));
    try (RandomAccessFile sparse =
        new RandomAccessFile(hostile.resolve("SPARSE_3GB").toFile(), "rw")) {
      sparse.setLength(3L * 1024 * 1024 * 1024);
    }
  }

  private record Run(int exit, String out, String err) {}

  private static Run run(List<String> args) {
    CliRun run = CliRun.run(Clock.systemUTC(), Map.of(), args.toArray(String[]::new));
    return new Run(run.exitCode(), run.out(), run.err());
  }

  private static String file(Map<String, Path> replaced, String option, String name) {
    return replaced.getOrDefault(option, dir.resolve(name)).toString();
  }

  private static List<String> sealArgs(Map<String, Path> replaced) {
    return List.of(
        "notice", "seal",
        "--notice", file(replaced, "--notice", "notice.json"),
        "--store", file(replaced, "--store", NCB + ".p12"),
        "--password-file", file(replaced, "--password-file", "pw"),
        "--trust-anchor", file(replaced, "--trust-anchor", "root.pem"),
        "--intermediates", file(replaced, "--intermediates", "issuing.pem"),
        "--crl", file(replaced, "--crl", "crls.pem"),
        "--recipient", file(replaced, "--recipient", ATT + "-enc.pem"),
        "--recipient", dir.resolve(CIB + "-enc.pem").toString(),
        "--out", dir.resolve("sealed-again.der").toString());
  }

  private static List<String> openArgs(Map<String, Path> replaced) {
    return List.of(
        "notice", "open",
        "--in", file(replaced, "--in", "sealed-again.der"),
        "--store", file(replaced, "--store", CIB + ".p12"),
        "--password-file", file(replaced, "--password-file", "pw"),
        "--trust-anchor", file(replaced, "--trust-anchor", "root.pem"),
        "--intermediates", file(replaced, "--intermediates", "issuing.pem"),
        "--crl", file(replaced, "--crl", "crls.pem"));
  }

  private static List<String> verifyArgs(Map<String, Path> replaced) {
    return List.of(
        "cert",
        "verify",
        "-CAfile",
        file(replaced, "-CAfile", "root.pem"),
        "-untrusted",
        file(replaced, "-untrusted", "issuing.pem"),
        "--crl",
        file(replaced, "--crl", "crls.pem"),
        "--purpose",
        "encryption",
        file(replaced, "CERT", CIB + "-enc.pem"));
  }

  private static List<String> importArgs(Map<String, Path> replaced) {
    return List.of(
        "pem",
        "import",
        "--store",
        file(replaced, "--store", ATT + ".p12"),
        "--password-file",
        file(replaced, "--password-file", "pw"),
        "--alias",
        "encryption",
        "--cert",
        file(replaced, "--cert", "garbage-never-read"),
        "--json");
  }

  static Stream<Arguments> everyInputOfEveryCommand() {
    List<Arguments> cases = new ArrayList<>();
    for (Hostile hostile : Hostile.values()) {
      for (String option :
          List.of(
              "--notice",
              "--store",
              "--password-file",
              "--trust-anchor",
              "--intermediates",
              "--crl",
              "--recipient")) {
        cases.add(
            Arguments.of(
                "notice seal " + option, hostile, sealArgs(Map.of(option, hostile.file()))));
      }
      for (String option :
          List.of(
              "--in", "--store", "--password-file", "--trust-anchor", "--intermediates", "--crl")) {
        cases.add(
            Arguments.of(
                "notice open " + option, hostile, openArgs(Map.of(option, hostile.file()))));
      }
      for (String option : List.of("-CAfile", "-untrusted", "--crl", "CERT")) {
        cases.add(
            Arguments.of(
                "cert verify " + option, hostile, verifyArgs(Map.of(option, hostile.file()))));
      }
      cases.add(
          Arguments.of("pem import --cert", hostile, importArgs(Map.of("--cert", hostile.file()))));
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("everyInputOfEveryCommand")
  void aHostileInputIsRefusedWithItsCodeAndNoStackTrace(
      String where, Hostile hostile, List<String> args) {
    long started = System.nanoTime();
    Run run = run(args);
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    assertThat(run.err()).as(where).doesNotContain("Exception").doesNotContain("\tat ");
    if (where.equals("notice open --in")
        && (hostile == Hostile.GARBAGE || hostile == Hostile.EMPTY)) {
      // Read in full and not a sealed notice: the opener's answer, as for any tampered input.
      assertThat(run.exit()).as(where).isEqualTo(ExitCodes.INVALID);
      assertThat(run.out()).startsWith("rejected: MALFORMED_CMS");
    } else {
      assertThat(run.exit()).as(where + ": " + run.err()).isEqualTo(ExitCodes.FAILED);
      assertThat(run.err().strip()).as(where).endsWith("[" + expectedCode(where, hostile) + "]");
    }
    assertThat(took).as(where).isLessThan(Duration.ofSeconds(20));
  }

  /** A password file is read as text: garbage is a wrong password, nothing is no password. */
  private static String expectedCode(String where, Hostile hostile) {
    if (where.endsWith("--password-file") && hostile == Hostile.GARBAGE) {
      return "WRONG_PASSWORD";
    }
    if (where.endsWith("--password-file") && hostile == Hostile.EMPTY) {
      return "PASSWORD_MISSING";
    }
    return hostile.code;
  }

  @Test
  @EnabledOnOs({OS.LINUX, OS.MAC})
  void anEndlessInputIsRefusedAsOversize() {
    for (List<String> args :
        List.of(
            openArgs(Map.of("--in", Path.of("/dev/zero"))),
            sealArgs(Map.of("--notice", Path.of("/dev/zero"))),
            verifyArgs(Map.of("-CAfile", Path.of("/dev/zero"))))) {
      Run run = run(args);
      assertThat(run.exit()).as(run.err()).isEqualTo(ExitCodes.FAILED);
      assertThat(run.err().strip()).endsWith("[OVERSIZE]").doesNotContain("Exception");
    }
  }
}
