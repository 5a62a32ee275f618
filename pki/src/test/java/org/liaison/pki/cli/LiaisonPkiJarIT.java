package org.liaison.pki.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged command runs as the README says, {@code java -jar pki/target/liaison-pki.jar}, with
 * its libraries (Bouncy Castle's signed jars unshaded) beside it in {@code lib/}.
 */
class LiaisonPkiJarIT {

  @TempDir Path dir;

  @Test
  void thePackagedJarRunsAndMakesARootCa() throws Exception {
    Path jar = Path.of("target", "liaison-pki.jar").toAbsolutePath();
    assertThat(jar).exists();
    assertThat(jar.resolveSibling("lib").resolve("bcprov-jdk18on-1.87.jar")).exists();
    Path password = Files.writeString(dir.resolve("root.pass"), "jar-test-secret\n");

    Process help = java(jar, "--help");
    assertThat(output(help)).contains("Usage: liaison-pki", "Exit codes:");
    assertThat(help.exitValue()).isZero();

    Process init =
        java(
            jar,
            "ca",
            "init-root",
            "--dir",
            dir.resolve("root").toString(),
            "--password-file",
            password.toString(),
            "--json");
    String out = output(init);
    assertThat(init.exitValue()).as(out).isZero();
    assertThat(out).contains("\"subject\":\"CN=Liaison Root CA,O=Liaison\"");

    Process usage = java(jar, "ca", "init-root", "--password", "secret");
    output(usage);
    assertThat(usage.exitValue()).isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void aNoticeCommandPrintsNoLoggingWarnings() throws Exception {
    Path jar = Path.of("target", "liaison-pki.jar").toAbsolutePath();
    Path notice = dir.resolve("alert.json");
    try (InputStream in =
        LiaisonPkiJarIT.class.getResourceAsStream(
            "/org/liaison/schemas/examples/trafficking-alert.json")) {
      Files.write(notice, in.readAllBytes());
    }
    Path password = Files.writeString(dir.resolve("unit.pass"), "jar-test-secret\n");

    // The notice is read (through Avro, which logs with SLF4J) before the missing store refuses.
    Process seal =
        java(
            jar,
            "notice",
            "seal",
            "--notice",
            notice.toString(),
            "--store",
            dir.resolve("missing.p12").toString(),
            "--password-file",
            password.toString(),
            "--recipient",
            dir.resolve("missing.pem").toString(),
            "--trust-anchor",
            dir.resolve("missing-root.pem").toString(),
            "--out",
            dir.resolve("sealed.p7m").toString());
    String out = output(seal);

    assertThat(seal.exitValue()).as(out).isEqualTo(ExitCodes.FAILED);
    assertThat(out).doesNotContain("SLF4J").contains("[");
  }

  private static Process java(Path jar, String... args) throws Exception {
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String[] command = new String[args.length + 3];
    command[0] = javaBin;
    command[1] = "-jar";
    command[2] = jar.toString();
    System.arraycopy(args, 0, command, 3, args.length);
    return new ProcessBuilder(command).redirectErrorStream(true).start();
  }

  private static String output(Process process) throws Exception {
    String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("finished").isTrue();
    return text;
  }
}
