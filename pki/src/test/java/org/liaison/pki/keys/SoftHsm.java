package org.liaison.pki.keys;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fresh SoftHSM2 token for a test run. SoftHSM2 is a required test tool (CI installs it): when it
 * is missing the test fails saying so, rather than skipping unseen.
 */
final class SoftHsm {

  static final char[] PIN = "1234".toCharArray();
  private static final List<Path> LIBRARIES =
      List.of(
          Path.of("/usr/lib/softhsm/libsofthsm2.so"),
          Path.of("/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so"),
          Path.of("/usr/local/lib/softhsm/libsofthsm2.so"));

  final Path library;
  final long slot;

  private SoftHsm(Path library, long slot) {
    this.library = library;
    this.slot = slot;
  }

  static SoftHsm freshToken() throws IOException, InterruptedException {
    String conf = System.getenv("SOFTHSM2_CONF");
    if (conf == null) {
      fail(
          "SOFTHSM2_CONF is not set: run this test through Maven (pki/pom.xml sets it), since"
              + " SoftHSM2 reads it once per process");
    }
    Path library =
        LIBRARIES.stream()
            .filter(Files::isReadable)
            .findFirst()
            .orElseGet(
                () ->
                    fail(
                        "SoftHSM2 is not installed (no libsofthsm2.so in "
                            + LIBRARIES
                            + "): apt-get install -y softhsm2; ./verify installs it"));
    Path confFile = Path.of(conf);
    Files.createDirectories(confFile.getParent());
    Path tokens = Files.createTempDirectory(confFile.getParent(), "tokens-");
    Files.writeString(
        confFile,
        "directories.tokendir = "
            + tokens
            + "\nobjectstore.backend = file\nlog.level = ERROR\nslots.removable = false\n",
        StandardCharsets.UTF_8);
    ProcessBuilder init =
        new ProcessBuilder(
                "softhsm2-util",
                "--init-token",
                "--free",
                "--label",
                "liaison-test",
                "--so-pin",
                "0000",
                "--pin",
                new String(PIN))
            .redirectErrorStream(true);
    init.environment().put("SOFTHSM2_CONF", conf);
    Process process;
    try {
      process = init.start();
    } catch (IOException e) {
      return fail(
          "SoftHSM2 is not installed (softhsm2-util not on PATH): apt-get install -y softhsm2");
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      fail("softhsm2-util --init-token failed: " + output);
    }
    Matcher slot = Pattern.compile("slot (\\d+)").matcher(output);
    if (!slot.find()) {
      fail("cannot find the slot in softhsm2-util's output: " + output);
    }
    return new SoftHsm(library, Long.parseLong(slot.group(1)));
  }
}
