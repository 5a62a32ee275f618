package org.liaison.pki.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.liaison.pki.directory.DirectoryFixture.NL;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.liaison.pki.keys.Pem;
import org.liaison.schemas.avro.DirectoryEntry;
import org.liaison.schemas.codec.AvroCodec;

/**
 * A directory entry is a standard CMS SignedData: OpenSSL's {@code cms -verify}, with nothing but
 * the root and its default purpose, checks the signature and the signer's path and gives back the
 * entry's Avro encoding; and it refuses one whose content was changed.
 */
class DirectoryOpenSslTest {

  @TempDir Path dir;

  @Test
  void openSslVerifiesAnEntryWithTheRootAlone() throws Exception {
    DirectoryFixture fx = new DirectoryFixture();
    DirectoryEntry entry = fx.unitEntry(NL, 1);
    Files.write(dir.resolve("entry.der"), fx.sign(entry));
    Pem.write(dir.resolve("root.pem"), Pem.encode(fx.kit.trustAnchor()));

    Result result =
        openssl(
            "cms",
            "-verify",
            "-inform",
            "DER",
            "-in",
            "entry.der",
            "-CAfile",
            "root.pem",
            "-out",
            "content.bin");

    assertThat(result.exit()).as(result.output()).isZero();
    assertThat(result.output()).contains("Verification successful");
    assertThat(AvroCodec.directoryEntries().decode(Files.readAllBytes(dir.resolve("content.bin"))))
        .isEqualTo(entry);
  }

  @Test
  void openSslRefusesAChangedEntry() throws Exception {
    DirectoryFixture fx = new DirectoryFixture();
    byte[] signed = fx.sign(fx.unitEntry(NL, 1));
    int name =
        DirectoryVerifierTest.indexOf(signed, "Unit NL.NCB".getBytes(StandardCharsets.UTF_8));
    signed[name] = 'X';
    Files.write(dir.resolve("entry.der"), signed);
    Pem.write(dir.resolve("root.pem"), Pem.encode(fx.kit.trustAnchor()));

    Result result =
        openssl("cms", "-verify", "-inform", "DER", "-in", "entry.der", "-CAfile", "root.pem");

    assertThat(result.exit()).as(result.output()).isNotZero();
  }

  private record Result(int exit, String output) {}

  private Result openssl(String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add("openssl");
    command.addAll(List.of(args));
    Process process =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Result(process.exitValue(), output);
  }
}
