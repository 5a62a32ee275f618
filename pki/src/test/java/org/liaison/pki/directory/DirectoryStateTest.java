package org.liaison.pki.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.liaison.pki.directory.DirectoryFixture.NL;
import static org.liaison.pki.directory.DirectoryFixture.TH;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.liaison.pki.PkiException;
import org.liaison.pki.ca.RevocationReason;

/** Sequences per key, the CRLs the state judges with, and saving and loading the state. */
class DirectoryStateTest {

  private final DirectoryFixture fx = new DirectoryFixture();

  @TempDir Path dir;

  @Test
  void aNewerEntryReplacesTheOlderAndAnOlderOneIsARollback() throws Exception {
    DirectoryState state = fx.state();
    byte[] first = fx.sign(fx.unitEntry(NL, 1));
    byte[] second = fx.sign(fx.unitEntry(NL, 2));

    assertThat(state.apply(first, Optional.of("unit:NL.NCB")))
        .isEqualTo(DirectoryState.Outcome.APPLIED);
    assertThat(state.apply(second, Optional.of("unit:NL.NCB")))
        .isEqualTo(DirectoryState.Outcome.APPLIED);

    assertRefused(state, first, DirectoryReason.ROLLBACK);
    assertThat(state.get(EntryKey.unit("NL.NCB")).orElseThrow().sequence()).isEqualTo(2);
  }

  @Test
  void theSameBytesAgainChangeNothingButAnotherEntryOfTheSameSequenceIsARollback()
      throws Exception {
    DirectoryState state = fx.state();
    byte[] entry = fx.sign(fx.unitEntry(NL, 5));
    state.apply(entry, Optional.empty());
    long version = state.version();

    assertThat(state.apply(entry, Optional.empty())).isEqualTo(DirectoryState.Outcome.UNCHANGED);
    assertThat(state.version()).isEqualTo(version);
    assertRefused(state, fx.sign(fx.unitEntry(NL, 5)), DirectoryReason.ROLLBACK);
  }

  @Test
  void sequencesArePerKey() throws Exception {
    DirectoryState state = fx.state();
    state.apply(fx.sign(fx.unitEntry(NL, 10)), Optional.empty());

    assertThat(state.apply(fx.sign(fx.unitEntry(TH, 1)), Optional.empty()))
        .isEqualTo(DirectoryState.Outcome.APPLIED);
  }

  @Test
  void aRefusedEntryLeavesTheStateAsItWas() throws Exception {
    DirectoryState state = fx.state();
    byte[] good = fx.sign(fx.unitEntry(NL, 1));
    state.apply(good, Optional.empty());
    byte[] forged = fx.sign(fx.unitEntry(NL, 2));
    forged[forged.length - 3] ^= 1;

    assertRefused(state, forged, DirectoryReason.FORGED);
    assertThat(state.entries()).singleElement().satisfies(e -> assertThat(e.sequence()).isOne());
  }

  @Test
  void aCrlEntryRevokingTheDirectorySignerStopsItsLaterEntries() throws Exception {
    DirectoryState state = fx.state();
    byte[] signedBefore = fx.sign(fx.unitEntry(TH, 1));
    X509CRL rootCrl = fx.kit.revoke(fx.directoryCertificate(), RevocationReason.KEY_COMPROMISE);
    // A new directory signer publishes the root's new CRL; from then on the old one is refused.
    DirectoryEntrySigner successor =
        new DirectoryEntrySigner(fx.kit.issueDirectorySigner("directory-2"));
    state.apply(successor.sign(fx.crlEntry(rootCrl, 1), fx.now()), Optional.empty());

    assertRefused(state, signedBefore, DirectoryReason.SIGNER_REVOKED);
    assertThat(state.crls()).containsExactly(rootCrl);
  }

  @Test
  void theStateIsSavedAndLoadedAgainWithEveryEntryReverified() throws Exception {
    DirectoryState state = fx.state();
    state.apply(fx.sign(fx.unitEntry(NL, 3)), Optional.empty());
    state.apply(fx.sign(fx.crlEntry(fx.kit.crl(), 1)), Optional.empty());
    state.apply(fx.sign(fx.policyEntry(9)), Optional.empty());
    Path file = dir.resolve("state/directory.state");
    state.save(file);

    DirectoryState loaded = fx.state();
    DirectoryState.LoadReport report = loaded.load(file);

    assertThat(report.applied()).isEqualTo(3);
    assertThat(report.refused()).isEmpty();
    assertThat(loaded.entries())
        .extracting(VerifiedEntry::key)
        .containsExactlyInAnyOrderElementsOf(
            state.entries().stream().map(VerifiedEntry::key).toList());
    assertThat(Files.list(file.getParent())).containsExactly(file);
  }

  @Test
  void aChangedByteInTheStateFileDropsThatEntryOnly() throws Exception {
    DirectoryState state = fx.state();
    state.apply(fx.sign(fx.unitEntry(NL, 3)), Optional.empty());
    state.apply(fx.sign(fx.unitEntry(TH, 4)), Optional.empty());
    Path file = dir.resolve("directory.state");
    state.save(file);
    byte[] content = Files.readAllBytes(file);
    int name =
        DirectoryVerifierTest.indexOf(
            content, "Unit TH.CIB".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    content[name] = 'X';
    Files.write(file, content);

    DirectoryState loaded = fx.state();
    DirectoryState.LoadReport report = loaded.load(file);

    assertThat(report.applied()).isOne();
    assertThat(report.refused())
        .singleElement()
        .satisfies(r -> assertThat(r.reason()).isEqualTo(DirectoryReason.FORGED));
    assertThat(loaded.get(EntryKey.unit("NL.NCB"))).isPresent();
  }

  @Test
  void aFileThatIsNoStateFileIsRefused() throws Exception {
    Path file = dir.resolve("other");
    Files.writeString(file, "hello, world");

    assertThatThrownBy(() -> fx.state().load(file))
        .isInstanceOfSatisfying(
            PkiException.class, e -> assertThat(e.code()).isEqualTo(PkiException.Code.BAD_INPUT));
  }

  @Test
  void theNewestIssuedAtTellsTheDirectorysAge() throws Exception {
    DirectoryState state = new DirectoryState(fx.trust(), fx.verifier, Clock.systemUTC());
    assertThat(state.newestIssuedAt()).isEmpty();

    state.apply(fx.sign(fx.unitEntry(NL, 1)), Optional.empty());

    assertThat(state.newestIssuedAt()).isPresent();
  }

  private static void assertRefused(DirectoryState state, byte[] signed, DirectoryReason reason) {
    assertThatThrownBy(() -> state.apply(signed, Optional.empty()))
        .isInstanceOfSatisfying(
            DirectoryRefusal.class, r -> assertThat(r.reason()).as(r.toString()).isEqualTo(reason));
  }
}
