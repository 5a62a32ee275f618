package org.liaison.pki.seal;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import org.liaison.pki.crypto.ProviderChoice;
import org.liaison.schemas.avro.CaseNotice;

/**
 * Whatever the bytes, {@code open} answers with a result and never throws. Keys are made at test
 * time, so the committed seeds are not sealed notices but small programs that say how to damage a
 * notice sealed afresh to the unit under test (see {@link #build}), so that the search reaches past
 * decryption: into the SignedData, the allow-list, the Avro decoder and the identity checks.
 *
 * <p>Without {@code JAZZER_FUZZ=1} the committed seeds run as a normal test in the build; with it,
 * Jazzer searches for new inputs.
 */
class NoticeOpenerFuzzTest {

  private static final SealingFixture FX = SealingFixture.ec(ProviderChoice.select());
  private static final CaseNotice NOTICE =
      SealingFixture.notice(SealingFixture.NL, SealingFixture.TH).build();
  private static final byte[] SEALED = FX.seal(NOTICE);
  private static final byte[] SIGNED = signed();

  @FuzzTest(maxDuration = "60s")
  void openAnswersWithoutThrowing(byte[] input) throws Exception {
    byte[] sealed = build(input);
    OpenResult result =
        FX.opener()
            .open(
                sealed,
                FX.keys(SealingFixture.TH),
                FX.validator(),
                Optional.empty(),
                Instant.now());
    assertThat(result).isNotNull();
    if (result instanceof OpenResult.Rejected rejected) {
      assertThat(rejected.reason()).isNotNull();
      assertThat(rejected.detail()).isNotNull();
    }
  }

  /**
   * The first byte chooses what the rest means:
   *
   * <ul>
   *   <li>0: the rest is the sealed input itself;
   *   <li>1: edits (position high, position low, xor) applied to a freshly sealed notice;
   *   <li>2: the same edits applied to the SignedData inside, then encrypted to the unit again;
   *   <li>3: the rest is content that the originator signs and encrypts (reaches the decoder).
   * </ul>
   */
  static byte[] build(byte[] input) throws Exception {
    if (input.length == 0) {
      return input;
    }
    byte[] rest = Arrays.copyOfRange(input, 1, input.length);
    switch (input[0] & 0x03) {
      case 0:
        return rest;
      case 1:
        return edit(SEALED, rest);
      case 2:
        return FX.encrypt(edit(SIGNED, rest), FX.encryption(SealingFixture.TH));
      default:
        return FX.encrypt(
            FX.sign(rest, FX.signing(SealingFixture.NL), Instant.now()),
            FX.encryption(SealingFixture.TH));
    }
  }

  private static byte[] edit(byte[] original, byte[] edits) {
    byte[] copy = original.clone();
    for (int i = 0; i + 2 < edits.length; i += 3) {
      int position = (((edits[i] & 0xff) << 8) | (edits[i + 1] & 0xff)) % copy.length;
      copy[position] ^= edits[i + 2];
    }
    return copy;
  }

  private static byte[] signed() {
    try {
      return FX.decrypt(SEALED, SealingFixture.TH);
    } catch (Refusal e) {
      throw new IllegalStateException("the fixture notice does not open", e);
    }
  }
}
